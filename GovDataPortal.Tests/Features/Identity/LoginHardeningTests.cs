using System.Net;
using GovDataPortal.Features.Audit;
using GovDataPortal.Features.Demo;
using GovDataPortal.Features.Identity;
using GovDataPortal.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GovDataPortal.Tests.Features.Identity;

/// <summary>
/// The login does not reveal which user names exist (same hashing work for unknown and locked names), is rate-limited
/// per address and per user name, and a lockout does not cut off the user's API tokens.
/// </summary>
public class LoginHardeningTests(LoginHardeningTests.Fixture portal) : IClassFixture<LoginHardeningTests.Fixture>
{
    /// <summary>The real hasher, counting verifications (the work that makes a real user's answer slow).</summary>
    public sealed class CountingHasher(IOptions<PasswordHasherOptions> options) : IPasswordHasher<PortalUser>
    {
        private readonly PasswordHasher<PortalUser> _inner = new(options);
        public static int Verifications;

        public string HashPassword(PortalUser user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(PortalUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref Verifications);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    public sealed class Fixture : PortalFixture
    {
        protected override void ConfigureServices(IServiceCollection services) =>
            services.AddScoped<IPasswordHasher<PortalUser>, CountingHasher>();
    }

    private const string WrongPassword = "Wrong@Pass2026";

    private async Task<SignInService.Outcome> SignInAsync(string userName, string password, string ip)
    {
        await using var scope = portal.AnonymousScope();
        scope.Get<SignInManager<PortalUser>>().Context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        return await scope.Get<SignInService>().SignInAsync(userName, password, ip);
    }

    private async Task<int> VerificationsDuringAsync(Func<Task> attempt)
    {
        var before = Volatile.Read(ref CountingHasher.Verifications);
        await attempt();
        return Volatile.Read(ref CountingHasher.Verifications) - before;
    }

    [Fact]
    public async Task An_unknown_user_name_costs_the_same_password_hashing_as_a_real_one()
    {
        var real = await VerificationsDuringAsync(() => SignInAsync("zhaomin", WrongPassword, "10.1.0.1"));
        var unknown = await VerificationsDuringAsync(() => SignInAsync("no-such-user-anywhere", WrongPassword, "10.1.0.2"));

        Assert.Equal(1, real);
        Assert.Equal(real, unknown);
    }

    [Fact]
    public async Task A_locked_account_costs_the_same_password_hashing_as_an_open_one()
    {
        for (var i = 0; i < 5; i++) await SignInAsync("zhoutao", WrongPassword, "10.1.1.1");

        var locked = await VerificationsDuringAsync(() => SignInAsync("zhoutao", WrongPassword, "10.1.1.2"));

        Assert.Equal(1, locked);
    }

    [Fact]
    public async Task Forty_failed_logins_under_different_names_from_one_address_are_throttled()
    {
        var outcomes = new List<SignInService.Outcome>();
        for (var i = 0; i < 40; i++)
            outcomes.Add(await SignInAsync($"guess{i}", WrongPassword, "198.51.100.7"));

        var defaults = new LoginRateLimitOptions();
        Assert.All(outcomes.Take(defaults.PerAddress), o => Assert.Equal(SignInService.WrongCredentials, o.Error));
        Assert.All(outcomes.Skip(defaults.PerAddress), o => Assert.Equal(LoginThrottle.TooManyAttempts, o.Error));
        Assert.Equal("登录尝试过于频繁，请稍后再试。", LoginThrottle.TooManyAttempts);

        // Another address is not affected.
        Assert.True((await SignInAsync("yangfan", DemoAccounts.Password, "198.51.100.8")).Succeeded);
    }

    [Fact]
    public async Task Many_logins_under_one_user_name_from_many_addresses_are_throttled()
    {
        var defaults = new LoginRateLimitOptions();
        var outcomes = new List<SignInService.Outcome>();
        for (var i = 0; i < defaults.PerUserName + 3; i++)
            outcomes.Add(await SignInAsync("nobody-known", WrongPassword, $"203.0.113.{i + 1}"));

        Assert.All(outcomes.Take(defaults.PerUserName), o => Assert.Equal(SignInService.WrongCredentials, o.Error));
        Assert.All(outcomes.Skip(defaults.PerUserName), o => Assert.Equal(LoginThrottle.TooManyAttempts, o.Error));
    }

    [Fact]
    public async Task Invisible_characters_do_not_make_a_user_name_a_new_one_for_the_throttle()
    {
        var defaults = new LoginRateLimitOptions();
        string[] disguises = ["somebody", "somebody\u200B", "\uFEFFsomebody", "somebody\u200C", " somebody ", "somebody\u2060"];
        var outcomes = new List<SignInService.Outcome>();
        for (var i = 0; i < defaults.PerUserName + 2; i++)
            outcomes.Add(await SignInAsync(disguises[i % disguises.Length], WrongPassword, $"198.51.100.{i + 1}"));

        Assert.Equal(LoginThrottle.TooManyAttempts, outcomes[^1].Error);
    }

    [Fact]
    public async Task A_token_keeps_working_while_its_owner_is_locked_out()
    {
        using var api = await portal.ApiClientAsAsync("liuyang");
        for (var i = 0; i < 5; i++) await SignInAsync("liuyang", WrongPassword, "10.2.0.1");
        await using (var scope = portal.AnonymousScope())
        {
            var users = scope.Get<UserManager<PortalUser>>();
            Assert.True(await users.IsLockedOutAsync((await users.FindByNameAsync("liuyang"))!));
        }

        var response = await api.GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}

/// <summary>The login page under the rate limit: a Chinese message on the page, 429 for whoever posts the form.</summary>
public class LoginPageThrottleTests(LoginPageThrottleTests.Fixture portal) : IClassFixture<LoginPageThrottleTests.Fixture>
{
    public sealed class Fixture : PortalFixture
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Security:LoginRateLimit:PerAddress"] = "3",
        };
    }

    [Fact]
    public async Task The_login_page_says_in_Chinese_that_attempts_are_too_frequent_and_answers_429()
    {
        using var client = portal.Factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var statuses = new List<HttpStatusCode>();
        string last = "";
        for (var i = 0; i < 4; i++)
        {
            var form = await client.GetStringAsync("/account/login");
            var token = AntiforgeryForm.Token(form);
            var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "login", ["Input.UserName"] = $"someone{i}", ["Input.Password"] = "Wrong@Pass2026",
                [AntiforgeryForm.FieldName] = token,
            }));
            statuses.Add(response.StatusCode);
            last = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Contains("<div class=\"gdp-login-error\" role=\"alert\">登录尝试过于频繁，请稍后再试。</div>", last);
    }
}

/// <summary>Sign-in under the input rule: a user name with a refused character is a wrong name, not a fault.</summary>
public class LoginInputTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Theory]
    [InlineData("zhang\0wei", "10.0.0.11")]
    [InlineData("\0", "10.0.0.12")]
    [InlineData("zhang\u0001wei", "10.0.0.13")]
    public async Task A_user_name_with_a_control_character_is_answered_as_wrong_credentials_and_audited(string userName, string ip)
    {
        await using var scope = portal.AnonymousScope();
        var outcome = await scope.Get<SignInService>().SignInAsync(userName, "Wrong@Pass2026", ip);

        Assert.Equal(SignInService.WrongCredentials, outcome.Error);
        await using var db = await portal.DbAsync();
        var recorded = await db.AuditRecords.SingleAsync(a => a.Action == AuditActions.LoginFailed && a.IpAddress == ip);
        Assert.DoesNotContain(recorded.UserName ?? "", c => char.IsControl(c));
    }
}
