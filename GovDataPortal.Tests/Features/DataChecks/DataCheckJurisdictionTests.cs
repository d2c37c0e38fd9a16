using GovDataPortal.Features.DataChecks;
using GovDataPortal.Features.Policies;
using GovDataPortal.Infrastructure;

namespace GovDataPortal.Tests.Features.DataChecks;

// The provider's deadline per profile, all raised on Friday 2026-11-20 10:00 Beijing (PortalFixture.Start).

/// <summary>hubei Art. 13 ¶3: 3 working days; no extension rule.</summary>
public class HubeiDataCheckTests(HubeiDataCheckFixture portal) : IClassFixture<HubeiDataCheckFixture>
{
    [Fact]
    public async Task The_check_is_due_in_three_working_days()
    {
        var task = await portal.CheckTaskAsync(await portal.RaiseAsync());

        Assert.Equal(new DateOnly(2026, 11, 25), task.DueDate); // Mon 23, Tue 24, Wed 25
        Assert.Equal("依据《湖北省政务数据资源应用与管理办法》第十三条第三款：3个工作日", task.RuleText);
    }

    [Fact]
    public async Task An_extension_is_refused_because_the_regulation_has_none()
    {
        var id = await portal.RaiseAsync();
        var task = await portal.CheckTaskAsync(id);

        var error = await Assert.ThrowsAsync<DomainException>(() =>
            portal.AsAsync("chenjing", s => s.RequestExtensionAsync(id, task.Id, task.Version, 2, "需要更多时间")));

        Assert.Contains("未规定数据校核可以延期", error.Message);
        var open = (await portal.DetailAsync("chenjing", id)).OpenTask!;
        Assert.Equal((false, 0), (open.CanRequestExtension, open.ExtensionDaysLeft));
    }
}

/// <summary>foshan Art. 30: 10 working days.</summary>
public class FoshanDataCheckTests(FoshanDataCheckFixture portal) : IClassFixture<FoshanDataCheckFixture>
{
    [Fact]
    public async Task The_check_is_due_in_ten_working_days()
    {
        var task = await portal.CheckTaskAsync(await portal.RaiseAsync());

        Assert.Equal(new DateOnly(2026, 12, 4), task.DueDate);
        Assert.Equal("依据《佛山市政务数据资源管理办法（试行）》（佛府办〔2020〕4号）第三十条：10个工作日", task.RuleText);
    }

    [Fact]
    public void The_pages_quote_foshans_own_sentence_on_service_during_the_review()
    {
        var (text, citation) = DataCheckTexts.ServiceContinues(Jurisdiction.Foshan);

        Assert.Contains("以不影响办事为前提", text);
        Assert.EndsWith("第三十条", citation);
    }
}

/// <summary>longyan Art. 14 says 立即; the portal reads it as 1 working day and says that it is its reading.</summary>
public class LongyanDataCheckTests(LongyanDataCheckFixture portal) : IClassFixture<LongyanDataCheckFixture>
{
    [Fact]
    public async Task The_check_is_due_the_next_working_day_with_the_portals_reading_of_immediately()
    {
        var task = await portal.CheckTaskAsync(await portal.RaiseAsync());

        Assert.Equal(new DateOnly(2026, 11, 23), task.DueDate); // Friday → Monday
        Assert.StartsWith("依据《龙岩市政务数据管理办法（试行）》（龙政办〔2020〕91号）第十四条：1个工作日", task.RuleText);
        Assert.EndsWith(BuiltInProfiles.ImmediatelyReading, task.RuleText);
    }

    [Fact]
    public void Without_words_of_its_own_the_pages_state_the_portals_practice_and_cite_no_article()
    {
        Assert.Equal((DataCheckTexts.PortalServiceContinues, null), DataCheckTexts.ServiceContinues(Jurisdiction.Longyan));
    }
}

/// <summary>changsha Art. 18: the authority monitors quality; no day count, so no deadline.</summary>
public class ChangshaDataCheckTests(ChangshaDataCheckFixture portal) : IClassFixture<ChangshaDataCheckFixture>
{
    [Fact]
    public async Task The_check_has_no_deadline()
    {
        var id = await portal.RaiseAsync();
        var task = await portal.CheckTaskAsync(id);

        Assert.Null(task.DueDate);
        Assert.Null(task.DueAt);
        Assert.Contains(DeadlineText.NoStatutoryDeadline, task.RuleText);
        var deadline = (await portal.DetailAsync("chenjing", id)).OpenTask!.Deadline;
        Assert.Equal((DeadlineText.NoStatutoryDeadline, ""), (deadline.DueText, deadline.RemainingText));
    }
}
