using GovDataPortal.Features.Demo;
using GovDataPortal.Features.Identity;
using GovDataPortal.Features.Organisation;
using GovDataPortal.Features.Policies;
using GovDataPortal.Features.Workflow;
using GovDataPortal.Infrastructure;
using GovDataPortal.Tests.Features.Organisation;
using GovDataPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Tests.Features.Workflow;

/// <summary>
/// No step opens that nobody can act on (issue 8 item 7). Before, an extension request in a department without a 领导
/// went to nobody, silently; now the action that would open such a step is refused naming the role and the department,
/// and nothing of it is saved.
/// </summary>
public class NobodyToActTests(WorkflowFixture flows) : IClassFixture<WorkflowFixture>
{
    /// <summary>A provider in 双牌县 whose only people hold <paramref name="roles"/>; returns its name and those users' names.</summary>
    private async Task<(string Name, List<string> Users)> ProviderWithAsync(params string[] roles)
    {
        await using var db = await flows.DbAsync();
        var department = db.Departments.Add(new Department
        {
            Name = $"双牌县缺人测试局{Guid.NewGuid():N}"[..16], CreditCode = OrganisationTestData.NewCreditCode(),
            RegionId = await db.Regions.Where(r => r.Code == DemoSeeder.CountyCode).Select(r => r.Id).SingleAsync(),
            Kind = DepartmentKind.GovernmentDepartment, CreatedAt = flows.Clock.GetUtcNow(),
        }).Entity;
        await db.SaveChangesAsync();
        var users = new List<string>();
        foreach (var role in roles) users.Add((await flows.AddRoleHolderAsync(department.Id, role)).UserName!);
        return (department.Name, users);
    }

    [Fact]
    public async Task An_extension_request_where_the_provider_has_no_leader_is_refused_naming_the_leader_and_the_department()
    {
        var (provider, users) = await ProviderWithAsync(PortalRoles.DepartmentApprover);
        flows.Clock.Set(WorkflowFixture.Beijing(2026, 11, 20));
        var id = await flows.StartAsync(FlowKeys.DataCheck, submitter: "zhangwei", provider: provider);
        var check = await flows.OpenTaskAsync(id);

        var error = await Assert.ThrowsAsync<DomainException>(() =>
            flows.DecideAsAsync(users[0], check, FlowActions.RequestExtension, "需调取纸质档案核对", 5));

        Assert.Equal(RoleCoverage.MissingHolderMessage(provider, PortalRoles.Leadership), error.Message);
        Assert.Contains($"“{provider}”没有可办理的领导账号", error.Message);
        var instance = await flows.InstanceAsync(id);
        Assert.DoesNotContain(instance.Tasks, t => t.Kind == FlowTaskKind.ExtensionConsent);
        Assert.DoesNotContain(instance.Events, e => e.Action == FlowActions.RequestExtension);
        Assert.Equal(FlowTaskStatus.Open, (await flows.OpenTaskAsync(id)).Status);
    }

    [Fact]
    public async Task Starting_a_flow_whose_first_step_nobody_can_act_on_is_refused_and_nothing_is_saved()
    {
        var (provider, _) = await ProviderWithAsync(PortalRoles.DataSpecialist);

        var error = await Assert.ThrowsAsync<DomainException>(() => flows.StartAsync(FlowKeys.DataCheck, provider: provider));

        Assert.Equal(RoleCoverage.MissingHolderMessage(provider, PortalRoles.DepartmentApprover), error.Message);
        Assert.Contains("请系统管理员先为该部门设置部门审核人账号", error.Message);
        await using var db = await flows.DbAsync();
        var providerId = await flows.DepartmentIdAsync(provider);
        Assert.False(await db.FlowInstances.AnyAsync(i => i.ProviderDepartmentId == providerId));
    }

    [Fact]
    public async Task Forwarding_to_a_department_where_nobody_can_act_is_refused_and_the_task_stays()
    {
        var (target, _) = await ProviderWithAsync(PortalRoles.DataSpecialist, PortalRoles.Leadership);
        var id = await flows.StartAsync(WorkflowFixture.TwoStep);
        var review = await flows.OpenTaskAsync(id);
        var targetId = await flows.DepartmentIdAsync(target);

        var error = await Assert.ThrowsAsync<DomainException>(() =>
            flows.DecideAsAsync("chenjing", review, FlowActions.Forward, "请贵局处理", forwardTo: targetId));

        Assert.Equal(RoleCoverage.MissingHolderMessage(target, PortalRoles.DepartmentApprover), error.Message);
        var open = await flows.OpenTaskAsync(id);
        Assert.Equal(review.Id, open.Id);
        Assert.Equal(await flows.DepartmentIdAsync(DemoAccounts.Market), open.AssigneeDepartmentId);
    }
}
