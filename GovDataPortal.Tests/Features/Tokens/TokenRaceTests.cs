using GovDataPortal.Features.Tokens;
using GovDataPortal.Infrastructure;
using GovDataPortal.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Tests.Features.Tokens;

/// <summary>
/// Security review finding: 20 simultaneous token issues passed the cap of 10 active tokens. The cap is a count, so
/// the owner's row is locked for the issuing transaction and simultaneous issues count one after another.
/// </summary>
public class TokenRaceTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task Twenty_simultaneous_issues_for_one_person_stop_exactly_at_the_cap()
    {
        var scopes = new List<AsyncServiceScope>();
        try
        {
            var outcomes = await Simultaneously.RunAsync<Exception?>(20, async i =>
            {
                var scope = await portal.ScopeAsAsync("wangqiang");
                lock (scopes) scopes.Add(scope);
                var tokens = scope.Get<AccessTokenService>();
                return () => Simultaneously.Outcome(() => tokens.IssueAsync($"并发令牌{i}", null));
            });

            Assert.Equal(AccessTokenService.MaxActivePerUser, outcomes.Count(o => o is null));
            Assert.All(outcomes.OfType<Exception>(), e =>
            {
                Assert.IsType<DomainException>(e);
                Assert.Contains("最多持有10个有效访问令牌", e.Message);
            });
            await using var db = await portal.DbAsync();
            var owner = await portal.UserIdAsync("wangqiang");
            Assert.Equal(AccessTokenService.MaxActivePerUser, await db.PersonalAccessTokens.CountAsync(t => t.UserId == owner));
        }
        finally
        {
            foreach (var scope in scopes) await scope.DisposeAsync();
        }
    }
}
