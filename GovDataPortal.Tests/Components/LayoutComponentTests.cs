using Bunit;
using GovDataPortal.Components.Layout;
using GovDataPortal.Components.Shared;
using GovDataPortal.Features.Home;
using GovDataPortal.Features.Identity;
using GovDataPortal.Features.Policies;
using GovDataPortal.Infrastructure;
using Microsoft.AspNetCore.Components;

namespace GovDataPortal.Tests.Components;

public class LayoutComponentTests : PortalComponentTest
{
    private static readonly ShellInfo Specialist =
        new("张伟", "zhangwei", "双牌县公安局", [PortalRoles.DataSpecialist], Jurisdiction.Shuangpai);

    [Fact]
    public void Header_shows_department_user_active_profile_and_a_protected_logout_form()
    {
        var cut = Render<PortalHeader>(p => p.Add(x => x.Info, Specialist).Add(x => x.Jurisdiction, Jurisdiction.Hubei));
        Assert.Equal("双牌县公安局", cut.Find(".gdp-department").TextContent);
        Assert.Contains("张伟", cut.Find(".gdp-user-name").TextContent);
        Assert.Contains("湖北省政务数据资源应用与管理办法", cut.Find(".gdp-profile").TextContent);
        var form = cut.Find("form.gdp-logout");
        Assert.Equal("post", form.GetAttribute("method"));
        Assert.Equal("account/logout", form.GetAttribute("action"));
        Assert.NotNull(form.QuerySelector("input[name='__RequestVerificationToken']"));
        Assert.Contains("退出", form.QuerySelector("button[type='submit']")!.TextContent);
    }

    [Fact]
    public void Header_shows_the_bell_it_is_given_in_the_user_block()
    {
        RenderFragment bell = b => b.AddMarkupContent(0, "<span class=\"test-bell\">铃</span>");
        var cut = Render<PortalHeader>(p => p.Add(x => x.Info, Specialist).Add(x => x.Jurisdiction, Jurisdiction.Shuangpai)
            .Add(x => x.Bell, bell));
        Assert.NotNull(cut.Find(".gdp-user .test-bell"));
    }

    [Fact]
    public void Header_without_a_signed_in_user_shows_no_user_block()
    {
        RenderFragment bell = b => b.AddMarkupContent(0, "<span class=\"test-bell\"></span>");
        var cut = Render<PortalHeader>(p => p.Add(x => x.Jurisdiction, Jurisdiction.Foshan).Add(x => x.Bell, bell));
        Assert.Empty(cut.FindAll(".gdp-user"));
        Assert.Empty(cut.FindAll(".test-bell")); // nobody signed in: no bell
        Assert.Contains("佛山市", cut.Find(".gdp-profile").TextContent);
    }

    [Fact]
    public void The_menu_toggle_asks_the_layout_to_open_or_close_the_drawer()
    {
        var toggled = 0;
        var cut = Render<PortalHeader>(p => p.Add(x => x.Info, Specialist).Add(x => x.OnToggleMenu, () => toggled++));
        cut.Find(".gdp-menu-toggle").Click();
        Assert.Equal(1, toggled);
    }

    [Theory]
    [InlineData(PortalRoles.DataSpecialist, new string[0], new[] { "用户管理", "角色分配", "审计日志", "区域管理", "工作日历", "后台任务", "系统管理" })]
    [InlineData(PortalRoles.SystemAdmin, new[] { "用户管理", "区域管理", "工作日历", "后台任务", "系统管理" }, new[] { "角色分配", "审计日志" })]
    [InlineData(PortalRoles.SecurityAdmin, new[] { "角色分配", "系统管理" }, new[] { "用户管理", "审计日志", "后台任务" })]
    [InlineData(PortalRoles.Auditor, new[] { "审计日志" }, new[] { "用户管理", "角色分配", "系统管理" })]
    public void Menu_offers_only_what_the_role_may_open_grouped_by_duty(string role, string[] shown, string[] hidden)
    {
        var cut = Render<NavMenu>(p => p.Add(x => x.Roles, (IReadOnlyList<string>)[role]));
        var texts = cut.FindAll(".mud-nav-link-text, .gdp-nav-group").Select(e => e.TextContent.Trim()).ToList();
        Assert.All(new[] { "日常办理", "目录与数据", "监督考核" }, group => Assert.Contains(group, texts));
        Assert.All(new[] { "工作台", "我的待办", "数据校核", "消息通知", "政策规则", "个人中心与访问令牌" },
            everyone => Assert.Contains(everyone, texts));
        Assert.All(shown, s => Assert.Contains(s, texts));
        Assert.All(hidden, h => Assert.DoesNotContain(h, texts));
    }

    [Fact]
    public void Menu_links_the_inbox_and_shows_the_count_it_is_given_beside_it()
    {
        RenderFragment count = b => b.AddMarkupContent(0, "<span class=\"test-count\">4</span>");
        var cut = Render<NavMenu>(p => p.Add(x => x.Roles, (IReadOnlyList<string>)[PortalRoles.DepartmentApprover])
            .Add(x => x.InboxCount, count));
        var inbox = cut.FindAll("a").Single(a => a.GetAttribute("href") == "inbox");
        Assert.Contains("我的待办", inbox.TextContent);
        Assert.Equal("4", inbox.QuerySelector(".test-count")!.TextContent);
        Assert.Contains(cut.FindAll("a"), a => a.GetAttribute("href") == "data-checks");
        Assert.Contains(cut.FindAll("a"), a => a.GetAttribute("href") == "policies");
    }

    [Fact]
    public void Field_error_shows_the_messages_of_its_field_only()
    {
        var errors = new ValidationErrors().Add("CreditCode", "统一社会信用代码校验位错误").Add("Name", "请填写名称。");
        var cut = Render<FieldError>(p => p.Add(x => x.Errors, errors).Add(x => x.Field, "CreditCode"));
        var shown = cut.FindAll(".gdp-field-error");
        Assert.Single(shown);
        Assert.Equal("统一社会信用代码校验位错误", shown[0].TextContent);
    }

    [Fact]
    public void Access_refusal_states_the_reason_in_Chinese()
    {
        var cut = Render<AccessRefused>(p => p.Add(x => x.Message, "您无权访问其他部门的数据。"));
        var alert = cut.Find(".gdp-refused");
        Assert.Contains("访问被拒绝", alert.TextContent);
        Assert.Contains("您无权访问其他部门的数据。", alert.TextContent);
    }
}
