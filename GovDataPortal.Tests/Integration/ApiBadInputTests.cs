using System.Net;
using System.Text;
using System.Text.Json;
using GovDataPortal.Tests.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace GovDataPortal.Tests.Integration;

/// <summary>
/// Every /api endpoint that takes a body answers malformed input with 400 and oversized input with 413, as problem
/// details that name a field — never a 500. Endpoints are discovered, so a new one is covered the day it is mapped.
/// </summary>
public class ApiBadInputTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private IReadOnlyList<(string Method, string Path)> BodyEndpoints() =>
        portal.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            // Only endpoints that read a JSON body (a POST such as …/close carries none).
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>() is { ContentTypes.Count: > 0 })
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])
                .Where(m => m is "POST" or "PUT" or "PATCH")
                .Select(m => (m, Concrete(e.RoutePattern.RawText!))))
            .ToList();

    // Fill route parameters with well-formed values of their constraint.
    private static string Concrete(string pattern) =>
        System.Text.RegularExpressions.Regex.Replace(pattern, @"\{[^}:]+(:(?<c>\w+))?\}",
            m => m.Groups["c"].Value == "guid" ? Guid.NewGuid().ToString() : "1");

    [Fact]
    public void There_are_body_endpoints_to_check() => Assert.NotEmpty(BodyEndpoints());

    [Fact]
    public Task Malformed_json_gets_400_problem_details_on_every_body_endpoint() =>
        SendToEveryBodyEndpointAsync("{\"name\": ");

    [Fact]
    public Task Wrongly_typed_json_gets_400_naming_the_field_on_every_body_endpoint() =>
        SendToEveryBodyEndpointAsync("[1, 2, 3]"); // an array where every endpoint expects an object

    [Fact]
    public Task Oversized_bodies_get_413_naming_body_on_every_body_endpoint() =>
        SendToEveryBodyEndpointAsync(JsonSerializer.Serialize(new { name = new string('数', 1_200_000) }), HttpStatusCode.RequestEntityTooLarge);

    private async Task SendToEveryBodyEndpointAsync(string json, HttpStatusCode expected = HttpStatusCode.BadRequest)
    {
        using var client = await portal.ApiClientAsAsync("admin");
        foreach (var (method, path) in BodyEndpoints())
        {
            var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)
            {
                Content = new StringContent(json, Encoding.UTF8, "application/json"),
            });
            await AssertFieldProblemAsync(response, $"{method} {path}", expected);
        }
    }

    [Fact]
    public async Task A_query_parameter_of_the_wrong_type_gets_400_naming_it()
    {
        using var client = await portal.ApiClientAsAsync("admin");
        var response = await client.GetAsync("/api/departments?regionId=abc");
        await AssertFieldProblemAsync(response, "GET /api/departments?regionId=abc");
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(doc.RootElement.GetProperty("errors").TryGetProperty("regionId", out _));
    }

    private static async Task AssertFieldProblemAsync(HttpResponseMessage response, string endpoint,
        HttpStatusCode expected = HttpStatusCode.BadRequest)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{endpoint} answered {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var doc = JsonDocument.Parse(body);
        Assert.True(doc.RootElement.TryGetProperty("errors", out var errors) && errors.EnumerateObject().Any(),
            $"{endpoint} did not name a field: {body}");
    }
}
