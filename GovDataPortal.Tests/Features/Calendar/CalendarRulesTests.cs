using GovDataPortal.Features.Calendar;

namespace GovDataPortal.Tests.Features.Calendar;

public class CalendarRulesTests
{
    private static (CalendarDayKind, string) H(string name) => (CalendarDayKind.Holiday, name);

    [Fact]
    public void A_combined_item_counts_for_both_festivals_it_names()
    {
        var rows = new[] { H("元旦"), H("春节"), H("清明节"), H("劳动节"), H("端午节"), H("国庆节、中秋节") };
        Assert.Empty(CalendarRules.MissingFestivals(rows));
    }

    [Fact]
    public void Missing_festivals_are_named_and_makeup_rows_do_not_count()
    {
        var rows = new[] { H("元旦"), H("春节"), H("清明节"), H("劳动节"), (CalendarDayKind.Workday, "端午节") };
        Assert.Equal(["端午节", "中秋节", "国庆节"], CalendarRules.MissingFestivals(rows));
        Assert.Contains("缺少端午节、中秋节、国庆节", CalendarRules.IncompleteMessage(2027, CalendarRules.MissingFestivals(rows)));
    }

    [Fact]
    public void The_counting_rule_shown_to_users_says_the_receipt_day_is_not_counted()
    {
        Assert.Contains("受理当日不计入", CalendarRules.CountingRule);
        Assert.Contains("23:59:59", CalendarRules.CountingRule);
        Assert.Contains("调休上班日", CalendarRules.CountingRule);
    }
}
