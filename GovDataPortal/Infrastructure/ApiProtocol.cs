using System.Reflection;
using GovDataPortal.Features.Tokens;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace GovDataPortal.Infrastructure;

/// <summary>
/// What every answer under <c>/api</c> looks like, whatever went wrong: problem details, never a 302 to the login page.
/// 401 without a valid token (also for an address that does not exist), 404 for no such route or object, 405 for a
/// wrong method, 413 for a body over <see cref="PortalServices.ApiMaxBodyBytes"/>, 415 for a wrong content type, 400
/// naming the parameter for a value that does not parse (an id of the wrong type or out of range, an unknown enum name).
/// </summary>
public static class ApiProtocol
{
    public const string Prefix = "/api";

    public static bool IsApi(HttpContext http) => http.Request.Path.StartsWithSegments(Prefix);

    public static IServiceCollection AddApiProtocol(this IServiceCollection services)
    {
        // A body or value that does not bind throws in every environment (the default throws only in Development and
        // answers an empty 400 elsewhere), so ProblemExceptionHandler can name the field or parameter.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);

        // Under /api the cookie scheme hands everything to the token scheme: a request that matches no endpoint (the
        // fallback policy authenticates with the default scheme, the cookie) is then judged by its token — 404 with a
        // valid one, 401 problem details without — and no challenge there ever redirects to the login page. The OpenAPI
        // document takes a token as well as the cookie.
        services.ConfigureApplicationCookie(o => o.ForwardDefaultSelector = http =>
            IsApi(http) || (http.Request.Path.StartsWithSegments("/openapi")
                && http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
                ? PersonalAccessTokenHandler.Scheme
                : null);
        return services;
    }

    /// <summary>
    /// Bodies without a length (chunked) are read here up to the limit, so that one over it is refused with 413 naming
    /// <c>body</c> before an endpoint sees it, on any server; a declared length over the limit is refused unread.
    /// </summary>
    public static IApplicationBuilder UseApiBodyLimit(this IApplicationBuilder app) =>
        app.UseWhen(IsApi, api => api.Use(async (http, next) =>
        {
            var request = http.Request;
            if (request.ContentLength > PortalServices.ApiMaxBodyBytes)
            {
                throw BodyTooLarge();
            }
            if (request.ContentLength is null && HasBody(request))
            {
                var buffer = new MemoryStream();
                var chunk = new byte[16 * 1024];
                int read;
                while ((read = await request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
                {
                    if (buffer.Length + read > PortalServices.ApiMaxBodyBytes)
                    {
                        throw BodyTooLarge();
                    }
                    buffer.Write(chunk, 0, read);
                }
                buffer.Position = 0;
                request.Body = buffer;
                request.ContentLength = buffer.Length;
                http.Response.RegisterForDisposeAsync(buffer);
            }
            await next(http);
        }));

    private static bool HasBody(HttpRequest request) =>
        request.Headers.TransferEncoding.Count > 0 || !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)
            || HttpMethods.IsOptions(request.Method) || HttpMethods.IsDelete(request.Method));

    // Kestrel's own limit throws the same; inside UseExceptionHandler, ProblemExceptionHandler answers both alike.
    private static BadHttpRequestException BodyTooLarge() =>
        new(ProblemExceptionHandler.BodyTooLargeTitle, StatusCodes.Status413PayloadTooLarge);

    /// <summary>
    /// Minimal APIs parse an enum with <c>Enum.TryParse</c>, which also takes "Due,Subject" (the two OR-ed together) and
    /// any number; such a value is refused with 400 naming the parameter.
    /// </summary>
    public static TBuilder RefuseUndefinedEnumValues<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilterFactory((context, next) =>
        {
            var enums = context.MethodInfo.GetParameters()
                .Select((p, i) => (Parameter: p, Index: i, Type: Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType))
                .Where(p => p.Type.IsEnum && p.Parameter.GetCustomAttribute<FromBodyAttribute>() is null)
                .ToList();
            if (enums.Count == 0) return next;
            return async invocation =>
            {
                var errors = new Dictionary<string, string[]>();
                foreach (var (parameter, index, type) in enums)
                {
                    var name = parameter.GetCustomAttribute<FromQueryAttribute>()?.Name ?? parameter.Name!;
                    var raw = invocation.HttpContext.Request.Query[name].ToString();
                    if (raw.Length == 0 && invocation.HttpContext.Request.RouteValues.TryGetValue(name, out var route))
                        raw = route?.ToString() ?? "";
                    if (raw.Length == 0 || invocation.Arguments[index] is not { } value) continue;
                    if (raw.Contains(',') || !Enum.IsDefined(type, value))
                        errors[name] = [$"{name} 只能为 {string.Join("、", Enum.GetNames(type))} 之一。"];
                }
                if (errors.Count > 0)
                    return Results.ValidationProblem(errors, title: ProblemExceptionHandler.ParameterRefusedTitle);
                return await next(invocation);
            };
        });
}
