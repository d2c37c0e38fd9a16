using System.Net;
using System.Text.Json;
using GovDataPortal.Tests.Support;

namespace GovDataPortal.Tests.Features.Calendar;

/// <summary>The calculator and the schedules over HTTP with a personal access token (nothing here edits data).</summary>
public class CalendarApiTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private async Task<(HttpStatusCode Status, string Body, string? MediaType)> GetAsync(string url)
    {
        using var client = await portal.ApiClientAsAsync("zhangwei");
        var response = await client.GetAsync(url);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Five_working_days_after_30_september_2026_end_on_13_october()
    {
        // 10-01..07 国庆节 off; 10-08 Thu, 10-09 Fri, 10-10 Sat (makeup day), 10-12 Mon, 10-13 Tue.
        var (status, body, _) = await GetAsync("/api/calendar/add-working-days?from=2026-09-30&days=5");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""{"from":"2026-09-30","days":5,"due":"2026-10-13","dueAt":"2026-10-13T23:59:59+08:00","provisional":false}""", body);
    }

    [Fact]
    public async Task A_span_into_2027_is_provisional()
    {
        var (_, body, _) = await GetAsync("/api/calendar/add-working-days?from=2026-12-28&days=10");

        using var doc = JsonDocument.Parse(body);
        Assert.Equal("2027-01-11", doc.RootElement.GetProperty("due").GetString());
        Assert.True(doc.RootElement.GetProperty("provisional").GetBoolean());
    }

    [Theory]
    [InlineData("from=2026-09-30&days=-1", "days")]
    [InlineData("from=2026-09-30&days=367", "days")]
    [InlineData("from=2026-09-30&days=abc", "days")]
    [InlineData("from=2026-09-30&days=2.5", "days")]
    [InlineData("from=2026-09-30", "days")]
    [InlineData("from=2026-13-01&days=5", "from")]
    [InlineData("from=2026/09/30&days=5", "from")]
    [InlineData("from=1899-12-29&days=5", "from")]
    [InlineData("days=5", "from")]
    public async Task Bad_parameters_are_a_400_naming_the_field(string query, string field)
    {
        var (status, body, mediaType) = await GetAsync("/api/calendar/add-working-days?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", mediaType);
        using var doc = JsonDocument.Parse(body);
        var errors = doc.RootElement.GetProperty("errors");
        Assert.Equal([field], errors.EnumerateObject().Select(p => p.Name));
        Assert.Contains(field, errors.GetProperty(field)[0].GetString());
    }

    [Fact]
    public async Task Both_bad_parameters_are_named_at_once()
    {
        var (_, body, _) = await GetAsync("/api/calendar/add-working-days");
        using var doc = JsonDocument.Parse(body);
        Assert.Equal(["days", "from"], doc.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order());
    }

    [Fact]
    public async Task Without_a_token_the_calculator_is_401()
    {
        using var client = portal.Factory.CreateClient();
        var response = await client.GetAsync("/api/calendar/add-working-days?from=2026-09-30&days=5");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_published_year_lists_its_holidays_and_makeup_days()
    {
        var (status, body, _) = await GetAsync("/api/calendar/2026");

        Assert.Equal(HttpStatusCode.OK, status);
        using var doc = JsonDocument.Parse(body);
        var root = doc.RootElement;
        Assert.Equal(2026, root.GetProperty("year").GetInt32());
        Assert.True(root.GetProperty("published").GetBoolean());
        var days = root.GetProperty("days").EnumerateArray().ToList();
        Assert.Equal(39, days.Count);
        Assert.Equal(("2026-01-01", "holiday", "元旦"),
            (days[0].GetProperty("date").GetString(), days[0].GetProperty("kind").GetString(), days[0].GetProperty("name").GetString()));
        Assert.Equal(["date", "kind", "name"], days[0].EnumerateObject().Select(p => p.Name));
        Assert.Contains(days, d => d.GetProperty("date").GetString() == "2026-10-10" && d.GetProperty("kind").GetString() == "workday");
    }

    [Fact]
    public async Task A_year_lists_the_days_of_its_notice()
    {
        var (_, body, _) = await GetAsync("/api/calendar/2023");
        using var doc = JsonDocument.Parse(body);
        Assert.Equal("2022-12-31", doc.RootElement.GetProperty("days")[0].GetProperty("date").GetString());
    }

    [Fact]
    public async Task A_year_without_schedule_is_unpublished_and_empty()
    {
        var (_, body, _) = await GetAsync("/api/calendar/2027");
        Assert.Equal("""{"year":2027,"published":false,"days":[]}""", body);
    }

    [Theory]
    [InlineData(1899)]
    [InlineData(2201)]
    public async Task A_year_out_of_range_is_a_400_naming_year(int year)
    {
        var (status, body, _) = await GetAsync($"/api/calendar/{year}");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        using var doc = JsonDocument.Parse(body);
        Assert.True(doc.RootElement.GetProperty("errors").TryGetProperty("year", out _), body);
    }
}
