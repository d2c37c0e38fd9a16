using System.Text;
using GovDataPortal.Features.Calendar;
using GovDataPortal.Infrastructure;
using GovDataPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovDataPortal.Tests.Features.Calendar;

/// <summary>
/// "A published year stays complete" is checked against the whole year before a save. Edits checked side by side
/// could each leave one day of a festival and together leave none; the calendar's edits therefore run one after
/// another (a transaction-scoped lock).
/// </summary>
public class CalendarRaceTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task Simultaneous_removals_of_a_festivals_days_never_leave_a_published_year_without_it()
    {
        const int year = 2035;
        await using (var scope = await portal.ScopeAsAsync("admin"))
        {
            var calendar = scope.Get<CalendarAdminService>();
            await calendar.ImportCsvAsync(year, new MemoryStream(Encoding.UTF8.GetBytes(CalendarAdminTests.CompleteCsv(year))));
            await calendar.PublishAsync(year, "测试通知");
        }
        DateOnly[] springFestival = [new(year, 2, 2), new(year, 2, 3), new(year, 2, 4)];
        var scopes = new List<AsyncServiceScope>();
        try
        {
            var outcomes = await Simultaneously.RunAsync<Exception?>(springFestival.Length * 4, async i =>
            {
                var scope = await portal.ScopeAsAsync("admin");
                lock (scopes) scopes.Add(scope);
                var calendar = scope.Get<CalendarAdminService>();
                return () => Simultaneously.Outcome(() => calendar.RemoveDayAsync(springFestival[i % springFestival.Length]));
            });

            Assert.Equal(2, outcomes.Count(o => o is null));
            Assert.All(outcomes.OfType<Exception>(), e => Assert.IsAssignableFrom<DomainException>(e));
            Assert.Contains(outcomes.OfType<Exception>(), e => e.Message.Contains("缺少春节"));
            await using var db = await portal.DbAsync();
            Assert.Equal(1, await db.CalendarDays.CountAsync(d => d.NoticeYear == year && d.Name == "春节"));
        }
        finally
        {
            foreach (var scope in scopes) await scope.DisposeAsync();
        }
    }
}
