using System.Net;
using System.Security.Cryptography;
using GovDataPortal.Features.Identity;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace GovDataPortal.Infrastructure;

/// <summary>
/// Response headers and transport rules for 等保2.0 (GB/T 22239-2019) 三级 通信传输 and 入侵防范: a Content-Security-Policy
/// without inline script, no MIME sniffing, no referrer across origins, no camera/microphone/geolocation, nothing personal
/// in caches, no Server header; in production HTTPS only.
/// </summary>
public static class TransportSecurity
{
    /// <summary>The per-request CSP nonce (HttpContext.Items key), for the one inline script Blazor renders: the import map.</summary>
    public const string NonceKey = "gdp.csp-nonce";

    public static IServiceCollection AddTransportSecurity(this IServiceCollection services)
    {
        services.Configure<KestrelServerOptions>(o => o.AddServerHeader = false);
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<SecurityOptions>>((o, options) =>
        {
            var security = options.Value;
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The defaults trust loopback; only configured proxies are trusted.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in security.TrustedProxies) o.KnownProxies.Add(IPAddress.Parse(proxy));
            foreach (var network in security.TrustedNetworks) o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        });
        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = true;
        });
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .PostConfigure<IOptions<SecurityOptions>, IHostEnvironment>((o, options, env) => SecureCookieWhenHttps(o.Cookie, options, env));
        services.AddOptions<AntiforgeryOptions>()
            .PostConfigure<IOptions<SecurityOptions>, IHostEnvironment>((o, options, env) => SecureCookieWhenHttps(o.Cookie, options, env));
        return services;
    }

    private static void SecureCookieWhenHttps(CookieBuilder cookie, IOptions<SecurityOptions> options, IHostEnvironment env)
    {
        if (options.Value.RequiresHttps(env)) cookie.SecurePolicy = CookieSecurePolicy.Always;
    }

    /// <summary>First in the pipeline: the client address and scheme as the trusted proxy saw them, then HTTPS rules.</summary>
    public static WebApplication UseTransportSecurity(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseSecurityHeaders();
        if (app.Services.GetRequiredService<IOptions<SecurityOptions>>().Value.RequiresHttps(app.Environment))
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }
        return app;
    }

    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self' 'nonce-{0}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        + "font-src 'self' data:; connect-src 'self'; frame-ancestors 'self'; base-uri 'self'; form-action 'self'; object-src 'none'";

    private static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            // Hex: no character that HTML attribute encoding would change.
            var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            http.Items[NonceKey] = nonce;
            // Set when the response starts: an exception handler clears the headers written before it.
            http.Response.OnStarting(() =>
            {
                var headers = http.Response.Headers;
                headers.ContentSecurityPolicy = string.Format(System.Globalization.CultureInfo.InvariantCulture, ContentSecurityPolicy, nonce);
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";
                headers.XFrameOptions = "SAMEORIGIN";
                // Static assets carry their own (fingerprinted, cacheable) Cache-Control; everything else — pages, API
                // answers, downloads — may hold personal data and is never stored.
                if (!headers.ContainsKey("Cache-Control"))
                {
                    headers.CacheControl = "no-store";
                    headers.Pragma = "no-cache";
                }
                headers.Remove("Server");
                return Task.CompletedTask;
            });
            await next(http);
        });

    /// <summary>The CSP nonce of this request (for &lt;ImportMap nonce=…&gt;).</summary>
    public static string? CspNonce(this HttpContext? http) => http?.Items[NonceKey] as string;
}
