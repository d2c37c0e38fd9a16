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
            });
            await db.SaveChangesAsync();
        }
        var client = portal.Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }
}
