using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using System.Text.Json;
using GovDataPortal.Tests.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace GovDataPortal.Tests.Integration;

/// <summary>
/// Under /api the answer is always problem details, never a 302 to the login page: 401 without a valid token, 404 for
/// no such route or object, 415 for a wrong content type, 400 naming the parameter for a value that does not parse, 413
/// naming <c>body</c> for a body over 1 MB however it is sent.
/// </summary>
public class ApiEdgeTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private HttpClient Anonymous() => portal.Factory.CreateClient(new() { AllowAutoRedirect = false });

    private async Task<HttpClient> AdminAsync()
    {
        var client = await portal.ApiClientAsAsync("admin");
        return client;
    }

    [Theory]
    [InlineData("GET", "/api/no-such-thing")]
    [InlineData("GET", "/api/departments/1/no-such-child")]
    [InlineData("POST", "/api/departments/1")]
    [InlineData("OPTIONS", "/api/departments")]
    [InlineData("GET", "/api/departments/abc")]
    public async Task Without_a_token_every_api_address_answers_401_problem_details_not_a_redirect(string method, string path)
    {
        using var client = Anonymous();
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.Add("Origin", "https://elsewhere.example");
        request.Headers.Add("Access-Control-Request-Method", "POST");

        var response = await client.SendAsync(request);

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, $"{method} {path}");
    }

    [Fact]
    public async Task A_cookie_is_no_credential_under_api_and_gets_401_not_the_login_page()
    {
        using var client = await portal.CookieClientAsAsync("zhangwei");
        var response = await client.GetAsync("/api/no-such-thing");
        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "cookie GET /api/no-such-thing");
    }

    [Theory]
    [InlineData("/api/no-such-thing")]
    [InlineData("/api/departments/1/no-such-child")]
    [InlineData("/api/inbox/1/no-such-child")]
    public async Task With_a_valid_token_an_unknown_api_address_answers_404_problem_details(string path)
    {
        using var client = await AdminAsync();
        await AssertProblemAsync(await client.GetAsync(path), HttpStatusCode.NotFound, path);
    }

    [Fact]
    public async Task A_wrong_method_answers_405_problem_details()
    {
        using var client = await AdminAsync();
        var response = await client.PutAsync("/api/departments", new StringContent("{}", Encoding.UTF8, "application/json"));
        await AssertProblemAsync(response, HttpStatusCode.MethodNotAllowed, "PUT /api/departments");
    }

    [Fact]
    public async Task A_cors_preflight_with_a_token_is_not_redirected()
    {
        using var client = await AdminAsync();
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/departments");
        request.Headers.Add("Origin", "https://elsewhere.example");
        request.Headers.Add("Access-Control-Request-Method", "POST");
        var response = await client.SendAsync(request);
        Assert.NotEqual(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_wrong_content_type_answers_415_problem_details()
    {
        using var client = await AdminAsync();
        var response = await client.PostAsync("/api/departments", new StringContent("name=x", Encoding.UTF8, "text/plain"));
        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "POST /api/departments text/plain");
    }

    /// <summary>Every /api route parameter bound to a number or a GUID, discovered from the endpoint data source.</summary>
    private IReadOnlyList<(string Method, string Pattern, string Parameter, Type Type)> TypedRouteParameters() =>
        portal.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .SelectMany(e =>
            {
                var method = e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.FirstOrDefault() ?? "GET";
                var handler = e.Metadata.GetMetadata<MethodInfo>();
                return e.RoutePattern.Parameters.Select(p => (method, e.RoutePattern.RawText!, p.Name,
                    Type: handler?.GetParameters().FirstOrDefault(h => h.Name == p.Name)?.ParameterType ?? typeof(string)));
            })
            .Where(p => p.Type == typeof(int) || p.Type == typeof(long) || p.Type == typeof(Guid))
            .ToList();

    [Fact]
    public void The_api_has_typed_route_parameters_and_none_is_a_route_constraint()
    {
        Assert.Contains(TypedRouteParameters(), p => p.Type == typeof(Guid));
        Assert.Contains(TypedRouteParameters(), p => p.Type == typeof(long));
        Assert.Contains(TypedRouteParameters(), p => p.Type == typeof(int));
        // A constraint makes a malformed id "no such route" (404, or before this fix a 302): the binder must see it.
        var constrained = portal.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .Where(e => e.RoutePattern.ParameterPolicies.Count > 0).Select(e => e.RoutePattern.RawText).ToList();
        Assert.Empty(constrained);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("99999999999999999999")]
    [InlineData("-1.5")]
    public async Task A_malformed_or_overflowing_id_answers_400_naming_it_on_every_api_route(string value)
    {
        using var client = await AdminAsync();
        foreach (var (method, pattern, parameter, _) in TypedRouteParameters())
        {
            var path = System.Text.RegularExpressions.Regex.Replace(pattern, @"\{(?<n>[^}:]+)[^}]*\}",
                m => m.Groups["n"].Value == parameter ? value : "1");
            var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (method is "POST" or "PUT") request.Content = new StringContent("{}", Encoding.UTF8, "application/json");

            var response = await client.SendAsync(request);

            var body = await AssertProblemAsync(response, HttpStatusCode.BadRequest, $"{method} {path}");
            Assert.True(body.RootElement.GetProperty("errors").TryGetProperty(parameter, out _), $"{method} {path} did not name {parameter}: {body.RootElement}");
        }
    }

    [Theory]
    [InlineData("/api/inbox?sort=Due,Subject", "sort")]
    [InlineData("/api/inbox?sort=7", "sort")]
    [InlineData("/api/inbox?sort=Nonsense", "sort")]
    [InlineData("/api/inbox/done?sort=Completed,Subject", "sort")]
    [InlineData("/api/data-checks?status=Submitted,Closed", "status")]
    public async Task A_query_value_that_does_not_parse_answers_400_naming_the_parameter(string path, string parameter)
    {
        using var client = await portal.ApiClientAsAsync("zhangwei");
        var body = await AssertProblemAsync(await client.GetAsync(path), HttpStatusCode.BadRequest, path);
        Assert.True(body.RootElement.GetProperty("errors").TryGetProperty(parameter, out _), $"{path}: {body.RootElement}");
    }

    [Fact]
    public async Task A_well_formed_enum_query_value_still_works()
    {
        using var client = await portal.ApiClientAsAsync("zhangwei");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/inbox?sort=Subject")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/inbox/done?sort=Completed&descending=true")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/data-checks?status=Closed")).StatusCode);
    }

    [Theory]
    [InlineData("POST", "/api/data-checks/987654321/answer", "{\"taskId\":1,\"taskVersion\":1,\"answer\":\"NoError\",\"explanation\":\"经核实无误\"}")]
    [InlineData("POST", "/api/data-checks/987654321/extension", "{\"taskId\":1,\"taskVersion\":1,\"extensionDays\":3,\"reason\":\"需要时间\"}")]
    [InlineData("POST", "/api/data-checks/987654321/close", null)]
    [InlineData("POST", "/api/data-checks/987654321/reopen", "{\"reason\":\"答复不清\"}")]
    [InlineData("POST", "/api/inbox/987654321/decision", "{\"version\":1,\"action\":\"Approve\"}")]
    [InlineData("POST", "/api/notifications/987654321/read", null)]
    [InlineData("DELETE", "/api/tokens/6f9619ff-8b86-d011-b42d-00cf4fc964ff", null)]
    [InlineData("GET", "/api/data-checks/987654321", null)]
    [InlineData("GET", "/api/inbox/987654321", null)]
    public async Task An_action_on_a_missing_object_answers_404_as_a_GET_does(string method, string path, string? json)
    {
        using var client = await portal.ApiClientAsAsync("lina");
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        await AssertProblemAsync(await client.SendAsync(request), HttpStatusCode.NotFound, $"{method} {path}");
    }

    [Fact]
    public async Task A_missing_department_answers_404_to_whoever_may_read_every_department()
    {
        using var client = await AdminAsync();
        await AssertProblemAsync(await client.GetAsync("/api/departments/987654"), HttpStatusCode.NotFound, "GET /api/departments/987654");
    }

    [Fact]
    public async Task A_chunked_body_over_the_limit_answers_413_naming_body()
    {
        using var client = await AdminAsync();
        var bytes = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { name = new string('x', 1_100_000) }));
        var content = new StreamContent(new MemoryStream(bytes));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/departments") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await client.SendAsync(request);

        var body = await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "chunked POST /api/departments");
        Assert.True(body.RootElement.GetProperty("errors").TryGetProperty("body", out _), body.RootElement.ToString());
    }

    [Fact]
    public async Task A_chunked_body_within_the_limit_is_read_normally()
    {
        using var client = await AdminAsync();
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("{\"name\": ")));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/departments") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        // Malformed JSON: the endpoint read the body and named it, so the body reached it.
        var response = await client.SendAsync(request);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "chunked small POST");
    }

    internal static async Task<JsonDocument> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode expected, string what)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{what} answered {(int)response.StatusCode} {response.Headers.Location}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var doc = JsonDocument.Parse(text);
        Assert.Equal((int)expected, doc.RootElement.GetProperty("status").GetInt32());
        return doc;
    }
}
