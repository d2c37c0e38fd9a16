using System.Security.Claims;
using GovDataPortal.Features.Tokens;
using GovDataPortal.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace GovDataPortal.Features.Identity;

/// <summary>The portal's authorisation policies: the one mechanism pages, endpoints and services use.</summary>
public static class PortalPolicies
{
    public const string ManageOrganisation = nameof(ManageOrganisation);
    public const string AssignRoles = nameof(AssignRoles);
    public const string ReadAudit = nameof(ReadAudit);
    /// <summary>Download, upload and activate policy profiles; confirm an expired regulation still applies.</summary>
    public const string ManagePolicies = nameof(ManagePolicies);
    public const string Api = nameof(Api);
}

public static class IdentitySetup
{
    public static IServiceCollection AddPortalIdentity(this IServiceCollection services)
    {
        services.AddIdentity<PortalUser, IdentityRole>(o =>
            {
                o.User.RequireUniqueEmail = false;
                o.Password.RequiredLength = ThreeOfFourClassesPasswordValidator.MinimumLength;
                // The three-of-four rule lives in ThreeOfFourClassesPasswordValidator; Identity's own class checks would demand all four.
                o.Password.RequireDigit = o.Password.RequireLowercase = o.Password.RequireUppercase = o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddUserStore<PortalUserStore>()
            .AddErrorDescriber<ChineseIdentityErrorDescriber>()
            .AddPasswordValidator<ThreeOfFourClassesPasswordValidator>()
            .AddPasswordValidator<PasswordHistoryValidator>()
            .AddClaimsPrincipalFactory<PortalClaimsPrincipalFactory>()
            .AddDefaultTokenProviders();

        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/access-denied";
            o.Cookie.Name = "gdp.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            // The cookie only carries the session id; idle time and lifetime are enforced on the server session
            // (SessionService), the cookie itself lasts no longer than the session may (Security:AbsoluteLifetime).
            o.SlidingExpiration = false;
            o.Events.OnSigningIn = SessionCookieEvents.SigningInAsync;
            o.Events.OnValidatePrincipal = SessionCookieEvents.ValidatePrincipalAsync;
        });
        services.AddOptions<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<IOptions<SecurityOptions>>((o, security) => o.ExpireTimeSpan = security.Value.AbsoluteLifetime);
        services.AddScoped<SessionService>();
        services.AddScoped<CircuitActivity>();
        services.AddScoped<CircuitHandler, CircuitActivityHandler>();
        // Registered before AddRazorComponents, whose default provider is only added when none is.
        services.AddScoped<AuthenticationStateProvider, SessionRevalidatingAuthenticationStateProvider>();

        services.AddAuthentication()
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, PersonalAccessTokenHandler>(
                PersonalAccessTokenHandler.Scheme, null);

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(PortalPolicies.ManageOrganisation, p => p.RequireRole(PortalRoles.SystemAdmin))
            .AddPolicy(PortalPolicies.AssignRoles, p => p.RequireRole(PortalRoles.SecurityAdmin))
            .AddPolicy(PortalPolicies.ReadAudit, p => p.RequireRole(PortalRoles.Auditor))
            .AddPolicy(PortalPolicies.ManagePolicies, p => p.RequireRole(PortalRoles.SystemAdmin))
            .AddPolicy(PortalPolicies.Api, p => p.AddAuthenticationSchemes(PersonalAccessTokenHandler.Scheme).RequireAuthenticatedUser());

        services.AddScoped<CurrentActor>();
        services.AddScoped<CircuitHandler, ActorCircuitHandler>();
        services.AddCascadingAuthenticationState();
        services.AddHttpContextAccessor();

        services.AddScoped<SignInService>();
        services.AddSingleton<LoginThrottle>();
        services.AddScoped<UserAdministrationService>();
        return services;
    }

    /// <summary>Copies the authenticated user of each HTTP request into the request's <see cref="CurrentActor"/>.</summary>
    public static IApplicationBuilder UseCurrentActor(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            http.RequestServices.GetRequiredService<CurrentActor>().Set(http.User, http.Connection.RemoteIpAddress?.ToString());
            await next();
        });
}

/// <summary>Adds the department and display name to the sign-in principal.</summary>
public sealed class PortalClaimsPrincipalFactory(
    Microsoft.AspNetCore.Identity.UserManager<PortalUser> users,
    RoleManager<IdentityRole> roles,
    IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<PortalUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(PortalUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(CurrentActor.DepartmentClaim, user.DepartmentId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        identity.AddClaim(new Claim(CurrentActor.DisplayNameClaim, user.DisplayName));
        return identity;
    }
}

/// <summary>A Blazor circuit is its own DI scope: give its <see cref="CurrentActor"/> the circuit's user and address.</summary>
internal sealed class ActorCircuitHandler(AuthenticationStateProvider auth, CurrentActor actor, IHttpContextAccessor http)
    : CircuitHandler, IDisposable
{
    public override async Task OnConnectionUpAsync(Circuit circuit, CancellationToken ct)
    {
        var state = await auth.GetAuthenticationStateAsync();
        actor.Set(state.User, http.HttpContext?.Connection.RemoteIpAddress?.ToString());
        auth.AuthenticationStateChanged -= OnChanged;
        auth.AuthenticationStateChanged += OnChanged;
    }

    private async void OnChanged(Task<AuthenticationState> task)
    {
        try { actor.Set((await task).User, null); }
        catch (Exception) { actor.Set(new ClaimsPrincipal(new ClaimsIdentity()), null); }
    }

    public void Dispose() => auth.AuthenticationStateChanged -= OnChanged;
}
