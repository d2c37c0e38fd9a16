using GovDataPortal.Infrastructure;

namespace GovDataPortal.Tests.Infrastructure;

public class ChinaTimeTests
{
    [Fact]
    public void Minutes_are_Beijing_time_without_seconds_and_a_dash_for_none()
    {
        // 16:00:59 UTC on 31 December is 00:00:59 on 1 January in Beijing.
        Assert.Equal("2027-01-01 00:00", ChinaTime.FormatMinutes(new DateTimeOffset(2026, 12, 31, 16, 0, 59, TimeSpan.Zero)));
        Assert.Equal("2026-11-20 09:05", ChinaTime.FormatMinutes(new DateTimeOffset(2026, 11, 20, 9, 5, 0, TimeSpan.FromHours(8))));
        Assert.Equal("—", ChinaTime.FormatMinutes(null));
    }
}
