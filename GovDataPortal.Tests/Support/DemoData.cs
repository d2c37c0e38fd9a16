using System.Net.Http.Headers;
using GovDataPortal.Features.Tokens;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Tests.Support;

/// <summary>Looks up the demo-seeded data every test class starts with, and API clients acting as a demo user.</summary>
public static class DemoData
{
    public static async Task<string> UserIdAsync(this PortalFixture portal, string userName)
    {
        await using var db = await portal.DbAsync();
        return await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
    }

    public static async Task<int> DepartmentIdAsync(this PortalFixture portal, string name)
    {
        await using var db = await portal.DbAsync();
        return await db.Departments.Where(d => d.Name == name).Select(d => d.Id).SingleAsync();
    }

    /// <summary>An HTTP client with a personal access token of the demo user (the row inserted directly).</summary>
    public static async Task<HttpClient> ApiClientAsAsync(this PortalFixture portal, string userName)
    {
        var secret = PersonalAccessToken.NewSecret();
        await using (var db = await portal.DbAsync())
        {
            db.PersonalAccessTokens.Add(new PersonalAccessToken
            {
                Id = Guid.NewGuid(),
                UserId = await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync(),
                Name = "测试令牌",
                TokenHash = PersonalAccessToken.Hash(secret),
                DisplayPrefix = secret[..12],
                CreatedAt = portal.Clock.GetUtcNow(),
                ExpiresAt = portal.Clock.GetUtcNow().AddYears(1),
            });
            await db.SaveChangesAsync();
        }
        var client = portal.Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    /// <summary>
    /// An HTTP client signed in through the real login form (antiforgery token included), holding the cookie.
    /// Redirects are not followed, so a test sees 302s and 403s as they are.
    /// </summary>
    public static async Task<HttpClient> CookieClientAsAsync(this PortalFixture portal, string userName,
        string password = global::GovDataPortal.Features.Demo.DemoAccounts.Password)
    {
        var client = portal.Factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var form = await client.GetStringAsync("/account/login");
        var token = AntiforgeryForm.Token(form);
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login", ["Input.UserName"] = userName, ["Input.Password"] = password, [AntiforgeryForm.FieldName] = token,
        }));
        if (response.StatusCode != System.Net.HttpStatusCode.Redirect)
            throw new InvalidOperationException($"sign-in of {userName} answered {(int)response.StatusCode}");
        return client;
    }
}
