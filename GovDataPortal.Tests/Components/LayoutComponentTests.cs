using GovDataPortal.Components.Layout;
using GovDataPortal.Components.Shared;
using GovDataPortal.Features.Home;
using GovDataPortal.Features.Identity;
using GovDataPortal.Features.Policies;
using GovDataPortal.Infrastructure;
using Microsoft.AspNetCore.Components;

namespace GovDataPortal.Tests.Components;

public class LayoutComponentTests
{
    private static readonly ShellInfo Specialist =
        new("张伟", "zhangwei", "双牌县公安局", [PortalRoles.DataSpecialist], Jurisdiction.Shuangpai);

    [Fact]
    public async Task Header_shows_department_user_active_profile_and_a_protected_logout_form()
    {
        var doc = await ComponentRenderer.RenderAsync<PortalHeader>(new Dictionary<string, object?>
        {
            [nameof(PortalHeader.Info)] = Specialist,
            [nameof(PortalHeader.Jurisdiction)] = Jurisdiction.Hubei,
        });
        Assert.Equal("双牌县公安局", doc.QuerySelector(".gdp-department")!.TextContent);
        Assert.Contains("张伟", doc.QuerySelector(".gdp-user-name")!.TextContent);
        Assert.Contains("湖北省政务数据资源应用与管理办法", doc.QuerySelector(".gdp-profile")!.TextContent);
        var form = doc.QuerySelector("form.gdp-logout")!;
        Assert.Equal("post", form.GetAttribute("method"));
        Assert.Equal("account/logout", form.GetAttribute("action"));
        Assert.NotNull(form.QuerySelector("input[name='__RequestVerificationToken']"));
    }

    [Fact]
    public async Task Header_shows_the_bell_it_is_given_in_the_user_block()
    {
        RenderFragment bell = b => b.AddMarkupContent(0, "<span class=\"test-bell\">铃</span>");
        var doc = await ComponentRenderer.RenderAsync<PortalHeader>(new Dictionary<string, object?>
        {
            [nameof(PortalHeader.Info)] = Specialist,
            [nameof(PortalHeader.Jurisdiction)] = Jurisdiction.Shuangpai,
            [nameof(PortalHeader.Bell)] = bell,
        });
        Assert.NotNull(doc.QuerySelector(".gdp-user .test-bell"));
    }

    [Fact]
    public async Task Header_without_a_signed_in_user_shows_no_user_block()
    {
        var doc = await ComponentRenderer.RenderAsync<PortalHeader>(new Dictionary<string, object?>
        {
            [nameof(PortalHeader.Jurisdiction)] = Jurisdiction.Foshan,
            [nameof(PortalHeader.Bell)] = (RenderFragment)(b => b.AddMarkupContent(0, "<span class=\"test-bell\"></span>")),
        });
        Assert.Null(doc.QuerySelector(".gdp-user"));
        Assert.Null(doc.QuerySelector(".test-bell")); // nobody signed in: no bell
        Assert.Contains("佛山市", doc.QuerySelector(".gdp-profile")!.TextContent);
    }

    [Theory]
    [InlineData(PortalRoles.DataSpecialist, new string[0], new[] { "用户管理", "角色分配", "审计日志", "区域管理", "工作日历" })]
    [InlineData(PortalRoles.SystemAdmin, new[] { "用户管理", "区域管理", "工作日历" }, new[] { "角色分配", "审计日志" })]
    [InlineData(PortalRoles.SecurityAdmin, new[] { "角色分配" }, new[] { "用户管理", "审计日志" })]
    [InlineData(PortalRoles.Auditor, new[] { "审计日志" }, new[] { "用户管理", "角色分配" })]
    public async Task Menu_offers_only_what_the_role_may_open(string role, string[] shown, string[] hidden)
    {
        var doc = await ComponentRenderer.RenderAsync<NavMenu>(new Dictionary<string, object?>
        {
            [nameof(NavMenu.Roles)] = (IReadOnlyList<string>)[role],
        });
        var items = doc.QuerySelectorAll(".rz-navigation-item-text").Select(e => e.TextContent.Trim()).ToList();
        Assert.Contains("首页", items);
        Assert.Contains("个人中心与访问令牌", items);
        Assert.All(new[] { "我的待办", "数据校核", "政策规则" }, everyone => Assert.Contains(everyone, items));
        Assert.All(shown, s => Assert.Contains(s, items));
        Assert.All(hidden, h => Assert.DoesNotContain(h, items));
    }

    [Fact]
    public async Task Menu_links_the_inbox_and_shows_the_count_it_is_given_beside_it()
    {
        RenderFragment count = b => b.AddMarkupContent(0, "<span class=\"test-count\">4</span>");
        var doc = await ComponentRenderer.RenderAsync<NavMenu>(new Dictionary<string, object?>
        {
            [nameof(NavMenu.Roles)] = (IReadOnlyList<string>)[PortalRoles.DepartmentApprover],
            [nameof(NavMenu.InboxCount)] = count,
        });
        var inbox = doc.QuerySelectorAll("a").Single(a => a.GetAttribute("href") == "inbox");
        Assert.Equal("我的待办", inbox.QuerySelector(".rz-navigation-item-text")!.TextContent);
        Assert.Equal("4", inbox.QuerySelector(".test-count")!.TextContent);
        Assert.Contains(doc.QuerySelectorAll("a"), a => a.GetAttribute("href") == "data-checks");
        Assert.Contains(doc.QuerySelectorAll("a"), a => a.GetAttribute("href") == "policies");
    }

    [Fact]
    public async Task Field_error_shows_the_messages_of_its_field_only()
    {
        var errors = new ValidationErrors().Add("CreditCode", "统一社会信用代码校验位错误").Add("Name", "请填写名称。");
        var doc = await ComponentRenderer.RenderAsync<FieldError>(new Dictionary<string, object?>
        {
            [nameof(FieldError.Errors)] = errors,
            [nameof(FieldError.Field)] = "CreditCode",
        });
        var shown = doc.QuerySelectorAll(".gdp-field-error");
        Assert.Single(shown);
        Assert.Equal("统一社会信用代码校验位错误", shown[0].TextContent);
    }

    [Fact]
    public async Task Access_refusal_states_the_reason_in_Chinese()
    {
        var doc = await ComponentRenderer.RenderAsync<AccessRefused>(new Dictionary<string, object?>
        {
            [nameof(AccessRefused.Message)] = "您无权访问其他部门的数据。",
        });
        var alert = doc.QuerySelector(".gdp-refused")!;
        Assert.Contains("访问被拒绝", alert.TextContent);
        Assert.Contains("您无权访问其他部门的数据。", alert.TextContent);
    }
}
