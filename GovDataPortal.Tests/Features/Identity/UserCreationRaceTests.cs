using GovDataPortal.Features.Demo;
using GovDataPortal.Features.Identity;
using GovDataPortal.Infrastructure;
using GovDataPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovDataPortal.Tests.Features.Identity;

/// <summary>
/// A user name is checked, then inserted; Identity's unique index on the normalised name decides a race, and the loser
/// reads like a refused form (用户名已被使用), never an unexpected error.
/// </summary>
public class UserCreationRaceTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task Twenty_simultaneous_creations_of_one_user_name_create_one_account()
    {
        var department = await portal.DepartmentIdAsync(DemoAccounts.Police);
        var scopes = new List<AsyncServiceScope>();
        try
        {
            var outcomes = await Simultaneously.RunAsync<Exception?>(20, async _ =>
            {
                var scope = await portal.ScopeAsAsync("admin");
                lock (scopes) scopes.Add(scope);
                var users = scope.Get<UserAdministrationService>();
                return () => Simultaneously.Outcome(() => users.CreateUserAsync("racer", "并发用户", department, null, "Racer#Passw0rd"));
            });

            Assert.Single(outcomes, o => o is null);
            Assert.All(outcomes.OfType<Exception>(), e =>
                Assert.Contains("已被使用", Assert.IsType<ValidationFailedException>(e).Errors.ByField["UserName"].Single()));
            await using var db = await portal.DbAsync();
            Assert.Equal(1, await db.Users.CountAsync(u => u.NormalizedUserName == "RACER"));
        }
        finally
        {
            foreach (var scope in scopes) await scope.DisposeAsync();
        }
    }
}
