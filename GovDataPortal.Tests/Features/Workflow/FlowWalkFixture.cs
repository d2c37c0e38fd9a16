using System.Collections.Concurrent;
using GovDataPortal.Features.Calendar;
using GovDataPortal.Features.Demo;
using GovDataPortal.Features.Identity;
using GovDataPortal.Features.Organisation;
using GovDataPortal.Features.Policies;
using GovDataPortal.Features.Workflow;
using GovDataPortal.Infrastructure;
using GovDataPortal.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovDataPortal.Tests.Features.Walks;

/// <summary>
/// A portal running one built-in profile, with the people every flow needs: the demo accounts (公安局 asks 市场监督管理局,
/// 政务服务中心 is the county's data authority, 永州市数据资源局 the city's above it with reviewer 杨丽) and, should the demo
/// lack one, a 领导 in 市场监督管理局 for extension consent. A recording subject handler keeps what each walk's subject
/// was told through the contract's hooks.
/// </summary>
public abstract class FlowWalkFixture : PortalFixture
{
    public const string Subject = "WalkSubject";
    public const string MarketLeader = "market-leader";

    /// <summary>Monday 2 March 2026, 10:00 Beijing: no holiday within the month, so day counts read plainly.</summary>
    public static readonly DateTimeOffset WalkStart = new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.FromHours(8)).ToUniversalTime();

    public abstract Jurisdiction Jurisdiction { get; }

    public PolicyProfile Profile => BuiltInProfiles.Get(Jurisdiction);

    protected override IDictionary<string, string?> Settings =>
        new Dictionary<string, string?> { ["Portal:Jurisdiction"] = Regulations.Key(Jurisdiction) };

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddScoped<IFlowSubjectHandler, RecordingSubject>();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = await DbAsync();
        var market = await db.Departments.SingleAsync(d => d.Name == DemoAccounts.Market);
        if (!await RoleCoverage.HasHolderAsync(db, market.Id, PortalRoles.Leadership, default))
            await AddUserAsync(MarketLeader, "市场局领导", market.Id, PortalRoles.Leadership);
    }

    private async Task AddUserAsync(string userName, string displayName, int departmentId, string role)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = new PortalUser
        {
            UserName = userName, DisplayName = displayName, DepartmentId = departmentId, CreatedAt = Clock.GetUtcNow(),
            MustChangePassword = false, PasswordChangedAt = Clock.GetUtcNow(),
        };
        Assert.True((await users.CreateAsync(user, DemoAccounts.Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
    }

    public IWorkingDayCalendar Calendar => Services.GetRequiredService<IWorkingDayCalendar>();

    /// <summary>What each subject heard through the hooks, by subject id.</summary>
    public static readonly ConcurrentDictionary<string, ConcurrentQueue<string>> Heard = new();

    public static IReadOnlyList<string> HeardBy(string subjectId) => Heard.TryGetValue(subjectId, out var q) ? [.. q] : [];

    private sealed class RecordingSubject : IFlowSubjectHandler
    {
        public string SubjectType => Subject;

        private static Task Note(FlowRef flow, string line)
        {
            Heard.GetOrAdd(flow.SubjectId, _ => new()).Enqueue(line);
            return Task.CompletedTask;
        }

        public Task OnFlowStartedAsync(PortalDbContext db, FlowRef flow, CancellationToken ct) =>
            Note(flow, $"started:{flow.Rule.OnReceipt?.Kind.ToString() ?? "-"}");

        public Task OnStepOpenedAsync(PortalDbContext db, FlowRef flow, OpenedStep step, CancellationToken ct) => Note(flow, $"opened:{step.StepKey}");

        public Task OnStepDecidedAsync(PortalDbContext db, FlowRef flow, DecidedStep step, CancellationToken ct) =>
            Note(flow, $"decided:{step.StepKey}:{step.Action}:{step.BranchKey}");

        public Task OnFlowEndedAsync(PortalDbContext db, FlowRef flow, FlowEnd end, CancellationToken ct) =>
            Note(flow, $"ended:{end.Outcome}:{end.Note}");
    }
}

public sealed class ChangshaWalkFixture : FlowWalkFixture { public override Jurisdiction Jurisdiction => Jurisdiction.Changsha; }
public sealed class ShuangpaiWalkFixture : FlowWalkFixture { public override Jurisdiction Jurisdiction => Jurisdiction.Shuangpai; }
public sealed class HubeiWalkFixture : FlowWalkFixture { public override Jurisdiction Jurisdiction => Jurisdiction.Hubei; }
public sealed class LongyanWalkFixture : FlowWalkFixture { public override Jurisdiction Jurisdiction => Jurisdiction.Longyan; }
public sealed class FoshanWalkFixture : FlowWalkFixture { public override Jurisdiction Jurisdiction => Jurisdiction.Foshan; }
