using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GovDataPortal.Tests.Support;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace GovDataPortal.Tests.Integration;

/// <summary>
/// Issue 7: walks every route under /api from the endpoint data source and sends a NUL in each string parameter —
/// query parameters (and a query parameter no endpoint expects) and each string property of a JSON body — and a
/// control character in each string route value (a "%00" in the path is refused by the server's own URL decoder before
/// the app sees it), with the tokens of users who can reach the endpoints. No answer may be a 5xx. A new endpoint is walked the
/// day it is mapped; one the walk cannot describe fails the test instead of being skipped.
/// </summary>
public partial class ApiNulWalkTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private const string Nul = "\u0000";

    // System administrator, data specialist, department approver and auditor: between them every /api endpoint is
    // reachable past authorisation (the audit log only by the auditor, decisions only by an approver).
    private static readonly string[] Users = ["admin", "zhangwei", "lina", "auditor"];

    private sealed record Probe(string Method, string Path, string? Json, string What);

    private IReadOnlyList<RouteEndpoint> ApiEndpoints() =>
        [.. portal.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && (raw == "/api" || raw.StartsWith("/api/", StringComparison.Ordinal)))];

    private List<Probe> Probes(List<string> undescribed)
    {
        var descriptions = portal.Services.GetRequiredService<IApiDescriptionGroupCollectionProvider>()
            .ApiDescriptionGroups.Items.SelectMany(g => g.Items).ToList();
        var probes = new List<Probe>();
        foreach (var endpoint in ApiEndpoints())
        foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
        {
            var description = descriptions.FirstOrDefault(d => d.HttpMethod == method
                && Shape(d.RelativePath) == Shape(endpoint.RoutePattern.RawText));
            if (description is null)
            {
                undescribed.Add($"{method} {endpoint.RoutePattern.RawText}");
                continue;
            }
            var body = description.ParameterDescriptions.FirstOrDefault(p => p.Source == BindingSource.Body)?.Type;
            var validBody = body is null ? null : BodyJson(body, nulAt: null);
            var path = PathOf(endpoint.RoutePattern, nulIn: null);

            foreach (var parameter in endpoint.RoutePattern.Parameters.Where(p => p.ParameterPolicies.Count == 0))
                probes.Add(new(method, PathOf(endpoint.RoutePattern, parameter.Name), validBody, $"route {parameter.Name}"));
            foreach (var query in description.ParameterDescriptions.Where(p => p.Source == BindingSource.Query && p.Type == typeof(string)))
                probes.Add(new(method, $"{path}?{query.Name}=a%00b", validBody, $"query {query.Name}"));
            probes.Add(new(method, $"{path}?unexpected=a%00b", validBody, "query unexpected"));
            if (body is not null)
                foreach (var property in StringPaths(body, ""))
                    probes.Add(new(method, path, BodyJson(body, property), $"body {property}"));
        }
        return probes;
    }

    // "api/departments/{id:int}" and "/api/departments/{id}" describe the same route.
    private static string Shape(string? pattern) => RouteParameter().Replace(pattern ?? "", "{$1}").Trim('/');

    [GeneratedRegex(@"\{\*{0,2}(\w+)[^}]*\}")]
    private static partial Regex RouteParameter();

    /// <summary>Well-formed values of each constraint; the string parameter named <paramref name="nulIn"/> gets a NUL.</summary>
    private static string PathOf(RoutePattern pattern, string? nulIn) => RouteParameter().Replace(pattern.RawText!, m =>
    {
        var parameter = pattern.GetParameter(m.Groups[1].Value)!;
        var constraint = parameter.ParameterPolicies.Select(p => p.Content).FirstOrDefault();
        return constraint switch
        {
            "guid" => Guid.NewGuid().ToString(),
            "int" or "long" => "1",
            _ when parameter.Name == nulIn => "shuang%01pai", // %00 in a path never gets past the server
            _ => "shuangpai",
        };
    });

    /// <summary>JSON paths of every string property of <paramref name="type"/> (nested objects included).</summary>
    private static IEnumerable<string> StringPaths(Type type, string prefix, int depth = 0)
    {
        if (depth > 3) yield break;
        foreach (var (name, propertyType) in Properties(type))
        {
            if (propertyType == typeof(string)) yield return prefix + name;
            else if (IsObject(propertyType))
                foreach (var nested in StringPaths(propertyType, prefix + name + ".", depth + 1)) yield return nested;
        }
    }

    /// <summary>A body whose strings are plain text, except the one at <paramref name="nulAt"/>, which holds a NUL.</summary>
    private static string BodyJson(Type type, string? nulAt) => Build(type, "", nulAt, 0).ToJsonString();

    private static JsonObject Build(Type type, string prefix, string? nulAt, int depth)
    {
        var json = new JsonObject();
        // The NUL first: the serializer meets it before any other value could stop the read.
        foreach (var (name, propertyType) in Properties(type).OrderBy(p => prefix + p.Name == nulAt ? 0 : 1))
        {
            var value = Underlying(propertyType);
            JsonNode? node = value switch
            {
                _ when value == typeof(string) => prefix + name == nulAt ? $"测试{Nul}文本" : "测试文本",
                _ when value == typeof(int) || value == typeof(long) || value == typeof(uint) || value == typeof(short) => 1,
                _ when value == typeof(bool) => false,
                _ when value.IsEnum => Enum.GetNames(value)[0],
                _ when IsObject(value) && depth < 3 => Build(value, prefix + name + ".", nulAt, depth + 1),
                _ => null, // dates and the like: left out, as an optional field would be
            };
            if (node is not null) json[name] = node;
        }
        return json;
    }

    private static IEnumerable<(string Name, Type Type)> Properties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && (p.CanWrite || type.GetConstructors().Any(c => c.GetParameters().Any(a => a.Name == p.Name || string.Equals(a.Name, p.Name, StringComparison.OrdinalIgnoreCase)))))
            .Select(p => (p.GetCustomAttribute<System.Text.Json.Serialization.JsonPropertyNameAttribute>()?.Name
                ?? JsonNamingPolicy.CamelCase.ConvertName(p.Name), p.PropertyType));

    private static Type Underlying(Type type) => Nullable.GetUnderlyingType(type) ?? type;

    private static bool IsObject(Type type) => type.IsClass && type != typeof(string) && !typeof(System.Collections.IEnumerable).IsAssignableFrom(type);

    [Fact]
    public void Every_api_route_is_described_so_the_walk_covers_it()
    {
        var undescribed = new List<string>();
        var probes = Probes(undescribed);

        Assert.True(undescribed.Count == 0, "Routes the walk cannot describe:\n" + string.Join("\n", undescribed));
        // Route, query and body strings are all exercised (the walk is not vacuous).
        Assert.Contains(probes, p => p.What.StartsWith("route ", StringComparison.Ordinal));
        Assert.Contains(probes, p => p.What.StartsWith("body ", StringComparison.Ordinal));
        Assert.Contains(probes, p => p.What.StartsWith("query ", StringComparison.Ordinal) && p.What != "query unexpected");
        Assert.True(ApiEndpoints().Count >= 20, $"only {ApiEndpoints().Count} /api endpoints found");
    }

    [Fact]
    public async Task No_api_route_answers_5xx_to_a_NUL_in_any_string_parameter()
    {
        var probes = Probes([]);
        var offenders = new List<string>();
        var notRefused = new List<string>();
        foreach (var user in Users)
        {
            using var client = await portal.ApiClientAsAsync(user);
            foreach (var probe in probes)
            {
                using var request = new HttpRequestMessage(new HttpMethod(probe.Method), probe.Path);
                if (probe.Json is not null) request.Content = new StringContent(probe.Json, Encoding.UTF8, "application/json");
                using var response = await client.SendAsync(request);
                var line = $"{user}: {probe.Method} {probe.Path} [{probe.What}] → {(int)response.StatusCode}";
                if ((int)response.StatusCode >= 500) offenders.Add($"{line} {await response.Content.ReadAsStringAsync()}");
                else if (response.StatusCode != HttpStatusCode.BadRequest && response.StatusCode != HttpStatusCode.Forbidden
                    && response.StatusCode != HttpStatusCode.NotFound)
                    notRefused.Add(line);
            }
        }

        Assert.True(offenders.Count == 0, $"{offenders.Count} of {probes.Count * Users.Length} requests with a NUL answered 5xx:\n"
            + string.Join("\n", offenders));
        // A NUL is refused (400), or the request is turned away before the text matters (403, 404) — never accepted.
        Assert.True(notRefused.Count == 0, "Requests with a NUL that were accepted:\n" + string.Join("\n", notRefused));
    }
}
