using System.Globalization;
using AngleSharp.Dom;
using Bunit;
using GovDataPortal.Features.Identity;
using GovDataPortal.Features.Policies;
using GovDataPortal.Tests.Components;

namespace GovDataPortal.Tests.Features.Policies;

/// <summary>
/// The flow diagrams of 政策规则 (issue 8 item 9): the layout as numbers, the SVG as markup. The flows are built here,
/// not taken from the built-in profiles, so each shape the model allows is drawn whatever the profiles say today.
/// </summary>
public class FlowDiagramTests : PortalComponentTest
{
    private static Citation Art(string article) => new(Jurisdiction.Shuangpai, article);

    private static StepRule Step(string key, string name, StepActions actions, int? days = 5,
        TimeoutAction onTimeout = TimeoutAction.RemindOnly, StepActor actor = StepActor.ProviderDepartment,
        string role = PortalRoles.DepartmentApprover, string article = "第二十七条") =>
        new(key, name, actor, role, actions, days, onTimeout, Art(article));

    /// <summary>One step: approve, reject, return, extension — the data check.</summary>
    private static readonly FlowRule Linear = new("check-flow", "疑义数据校核",
        [Step("check", "提供部门校核", StepActions.Approve | StepActions.Reject | StepActions.Return | StepActions.RequestExtension,
            article: "第二十七条第二款")],
        Art("第二十七条"),
        new ExtensionRule(15, PortalRoles.Leadership, NotifyRequester: true, Art("第二十七条第二款")));

    /// <summary>shuangpai Art. 40 as a chain: mark, a choice of scope, either decision, then the objector is told.</summary>
    private static readonly FlowRule Objection = new("objection", "公民、法人异议处理",
        [
            Step("mark", "作出异议标注", StepActions.Approve, 1, actor: StepActor.DataAuthority, article: "第四十条第二款")
                with { Anchor = DeadlineAnchor.FlowStarted },
            Step("scope", "判断更正范围", StepActions.Choose, 2, actor: StepActor.DataAuthority, article: "第四十条第二款第（二）项")
                with
                {
                    Anchor = DeadlineAnchor.FlowStarted,
                    Branches = [new("own", "属本中心更正范围", "centre-decision"), new("department", "属政务部门更正范围", "department-decision")],
                },
            Step("centre-decision", "中心作出是否更正的决定", StepActions.Approve, 5, actor: StepActor.DataAuthority, article: "第四十条第二款第（一）项")
                with { Anchor = DeadlineAnchor.FlowStarted, OnApprove = "notify" },
            Step("department-decision", "政务部门作出是否更正的决定", StepActions.Approve, 5, article: "第四十条第二款第（二）项"),
            Step("notify", "告知异议提出人", StepActions.Approve, null, actor: StepActor.DataAuthority, article: "第四十条第二款第（二）项")
                with { NotifiesRequester = true },
        ],
        Art("第四十条")) { ExternalRequester = true };

    /// <summary>shuangpai Art. 24: two opinions (会签), the city decides, a refusal may go to coordination.</summary>
    private static readonly FlowRule Share = new("share", "有条件共享申请",
        [
            Step("opinions", "提出意见", StepActions.Approve | StepActions.Reject, 10, article: "第二十四条第一款")
                with { Also = [new(StepActor.DataAuthority, PortalRoles.AuthorityReviewer)], Consensus = Consensus.All },
            Step("decision", "市主管部门确定", StepActions.Approve | StepActions.Reject, null, actor: StepActor.HigherDataAuthority,
                role: PortalRoles.AuthorityReviewer, article: "第二十四条第一款") with { OnReject = "coordination-request" },
            Step("coordination-request", "申请协调", StepActions.Choose, null, actor: StepActor.DataAuthority, article: "第二十四条第二款")
                with { Branches = [new("ask", "申请协调", "coordination"), new("accept", "不申请协调", FlowRoute.Rejected)] },
            Step("coordination", "县政务服务中心协调处理", StepActions.Approve | StepActions.Reject, null, actor: StepActor.DataAuthority,
                role: PortalRoles.AuthorityReviewer, article: "第二十四条第二款"),
        ],
        Art("第二十四条")) { Coordination = new CoordinationRule("coordination", Art("第二十四条第二款")) };

    /// <summary>hubei Art. 20: no reply in 10 days is consent; a step nobody approves by hand but the clock does.</summary>
    private static readonly FlowRule Deemed = new("deemed", "有条件共享申请",
        [
            Step("reply", "提供部门答复", StepActions.Approve | StepActions.Reject, 10, TimeoutAction.DeemedApproval, article: "第二十条第三款"),
            Step("objection-window", "异议期", StepActions.Reject, 5, TimeoutAction.DeemedApproval, article: "第二十条第四款"),
        ],
        Art("第二十条"));

    /// <summary>A catalogue update due 15 days from the law change, then a filing that may be returned or forwarded.</summary>
    private static readonly FlowRule Update = new("update", "目录更新",
        [
            Step("update", "更新目录", StepActions.Approve, 15, TimeoutAction.EscalateToAuthority, role: PortalRoles.DataSpecialist,
                article: "第十九条第二款") with { Anchor = DeadlineAnchor.GivenDate },
            Step("filing", "报备案", StepActions.Approve | StepActions.Return | StepActions.Forward, null,
                actor: StepActor.DataAuthority, role: PortalRoles.AuthorityReviewer, article: "第十九条第二款")
                with { Also = [new(StepActor.DataAuthority, PortalRoles.Leadership)], Consensus = Consensus.Any },
        ],
        Art("第十九条")) { GivenDateName = "法律法规修订或职能变化之日" };

    public static TheoryData<string> Flows => ["check-flow", "objection", "share", "deemed", "update"];

    private static FlowRule Flow(string key) => new[] { Linear, Objection, Share, Deemed, Update }.Single(f => f.Key == key);

    private IRenderedComponent<FlowDiagram> Draw(FlowRule flow) =>
        Render<FlowDiagram>(p => p.Add(x => x.Flow, flow).Add(x => x.Id, "d").Add(x => x.Place, "双牌县"));

    private static IElement NodeOf(IRenderedComponent<FlowDiagram> cut, string key) => cut.Find($"g.flow-node[data-node='{key}']");

    private static string Text(IElement element) => string.Concat(element.QuerySelectorAll("tspan").Select(t => t.TextContent));

    private static IReadOnlyList<(string From, string To, string Label)> EdgesOf(IRenderedComponent<FlowDiagram> cut) =>
        [.. cut.FindAll("g.flow-edge").Select(g => (g.GetAttribute("data-from")!, g.GetAttribute("data-to")!, Text(g)))];

    // ---- the drawing ----

    [Fact]
    public void Each_step_is_a_node_with_its_name_handler_deadline_timeout_and_article()
    {
        var cut = Draw(Linear);

        var check = Text(NodeOf(cut, "check"));
        Assert.Contains("提供部门校核", check);
        Assert.Contains("提供部门·部门审核人", check);
        Assert.Contains("期限：5个工作日，自收到任务起", check);
        Assert.Contains("逾期：仅提醒", check);
        Assert.Contains("第二十七条第二款", check);
        Assert.Contains("可延期：最多15个工作日，须领导同意并告知申请方", check);
        Assert.Equal(Linear.Steps.Count, cut.FindAll("g.flow-node-step").Count);
    }

    [Fact]
    public void Every_route_is_an_edge_labelled_with_its_outcome()
    {
        var cut = Draw(Linear);

        Assert.Equal([("check", FlowRoute.Approved, "同意"), ("check", FlowRoute.Rejected, "不同意")], EdgesOf(cut));
        Assert.Equal("办结（同意）", Text(NodeOf(cut, FlowRoute.Approved)));
        Assert.Equal("不予通过", Text(NodeOf(cut, FlowRoute.Rejected)));
    }

    [Fact]
    public void A_choice_has_an_edge_per_branch_named_as_the_branch()
    {
        var cut = Draw(Objection);

        var edges = EdgesOf(cut);
        Assert.Contains(("scope", "centre-decision", "属本中心更正范围"), edges);
        Assert.Contains(("scope", "department-decision", "属政务部门更正范围"), edges);
        Assert.Contains(("centre-decision", "notify", "同意"), edges);
        Assert.Contains(("department-decision", "notify", "同意"), edges);
        Assert.Contains("由办理人择一办理", Text(NodeOf(cut, "scope")));
        Assert.Contains("flow-node-choice", NodeOf(cut, "scope").GetAttribute("class"));
        Assert.Equal(2, cut.FindAll("g.flow-edge-branch").Count);
    }

    [Fact]
    public void Only_the_ends_some_route_reaches_are_drawn()
    {
        var cut = Draw(Objection); // nobody refuses in this chain: no 不予通过

        Assert.Single(cut.FindAll("g.flow-node-approved"));
        Assert.Empty(cut.FindAll("g.flow-node-rejected"));
    }

    [Fact]
    public void A_countersigned_step_names_every_actor_and_says_会签()
    {
        var cut = Draw(Share);

        Assert.Contains("会签：提供部门·部门审核人、数据主管部门·主管部门审核人", Text(NodeOf(cut, "opinions")));
        Assert.Contains("或签：数据主管部门·主管部门审核人、数据主管部门·领导", Text(NodeOf(Draw(Update), "filing")));
        Assert.DoesNotContain("签", Text(NodeOf(cut, "decision")));
    }

    [Fact]
    public void A_refusal_that_leads_to_coordination_is_an_edge_to_that_step()
    {
        var cut = Draw(Share);

        var edges = EdgesOf(cut);
        Assert.Contains(("decision", "coordination-request", "不同意"), edges);
        Assert.Contains(("coordination-request", "coordination", "申请协调"), edges);
        Assert.Contains(("coordination-request", FlowRoute.Rejected, "不申请协调"), edges);
        Assert.DoesNotContain(Text(NodeOf(cut, "decision")), "HigherDataAuthority");
        Assert.Contains("上级数据主管部门·主管部门审核人", Text(NodeOf(cut, "decision")));
        Assert.Contains("申请人可请求协调", Text(NodeOf(cut, "coordination")));
        Assert.Contains("不予通过后，申请人可请求“县政务服务中心协调处理”（第二十四条第二款）", cut.Find(".gdp-flow-notes").TextContent);
    }

    [Fact]
    public void Deemed_approval_is_written_on_the_approve_route_and_drawn_where_nobody_approves_by_hand()
    {
        var cut = Draw(Deemed);

        var edges = EdgesOf(cut);
        Assert.Contains(("reply", "objection-window", "同意／逾期视为同意"), edges);
        Assert.Contains(("objection-window", FlowRoute.Approved, "逾期视为同意"), edges);
        Assert.Single(cut.FindAll("g.flow-edge-deemed"));
        Assert.Contains("逾期：视为同意", Text(NodeOf(cut, "reply")));
    }

    [Fact]
    public void Deadlines_say_what_they_count_from()
    {
        Assert.Contains("期限：1个工作日，自收到申请起", Text(NodeOf(Draw(Objection), "mark")));
        Assert.Contains("期限：5个工作日，自收到任务起", Text(NodeOf(Draw(Objection), "department-decision")));
        var update = Draw(Update);
        Assert.Contains("期限：15个工作日，自法律法规修订或职能变化之日起", Text(NodeOf(update, "update")));
        Assert.Contains("逾期：上报主管部门", Text(NodeOf(update, "update")));
    }

    [Fact]
    public void A_step_without_a_deadline_says_so_and_has_no_timeout()
    {
        var notify = Text(NodeOf(Draw(Objection), "notify"));

        Assert.Contains("期限：无法定期限", notify);
        Assert.DoesNotContain("逾期", notify);
        Assert.Contains("告知申请人（记录已告知）", notify);
    }

    [Fact]
    public void Return_is_a_loop_on_its_node_not_an_edge()
    {
        var cut = Draw(Update);

        var filing = NodeOf(cut, "filing");
        Assert.NotNull(filing.QuerySelector("path.flow-return"));
        Assert.Contains("可退回修改", Text(filing));
        Assert.Contains("可转交其他部门办理", Text(filing));
        Assert.Null(NodeOf(cut, "update").QuerySelector("path.flow-return"));
        Assert.DoesNotContain(EdgesOf(cut), e => e.To == "update");
    }

    [Fact]
    public void The_flow_level_rules_are_listed_under_the_drawing()
    {
        var notes = Draw(Linear).Find(".gdp-flow-notes").TextContent;
        Assert.Contains("延期：最多15个工作日，须领导同意并告知申请方（第二十七条第二款）", notes);
        Assert.Contains("没有门户账号的公民", Draw(Objection).Find(".gdp-flow-notes").TextContent);
        Assert.Empty(Draw(Deemed).FindAll(".gdp-flow-notes"));
    }

    [Theory, MemberData(nameof(Flows))]
    public void The_svg_is_an_accessible_image_without_script_handlers_or_inline_style(string key)
    {
        var cut = Draw(Flow(key));

        var svg = cut.Find("svg");
        Assert.Equal("img", svg.GetAttribute("role"));
        Assert.Equal("d-title d-desc", svg.GetAttribute("aria-labelledby"));
        Assert.Equal($"双牌县{Flow(key).Name}流程图", cut.Find("svg > title#d-title").TextContent);
        Assert.Contains(Flow(key).Steps[0].Name, cut.Find("svg > desc#d-desc").TextContent);
        Assert.Empty(cut.FindAll("script"));
        Assert.DoesNotContain(cut.FindAll("*"), e => e.HasAttribute("style") || e.Attributes.Any(a => a.Name.StartsWith("on")));
        // Every arrow refers to a marker of this diagram.
        var markers = cut.FindAll("marker").Select(m => m.Id).ToHashSet();
        Assert.All(cut.FindAll("path[marker-end]"), p => Assert.Contains(p.GetAttribute("marker-end")![5..^1], markers));
    }

    [Fact]
    public void The_description_tells_the_whole_flow_in_words()
    {
        var desc = FlowDiagramLayout.Describe(Share);

        Assert.StartsWith("有条件共享申请，共4个步骤，依据第二十四条。", desc);
        Assert.Contains("第1步“提出意见”：会签：提供部门·部门审核人、数据主管部门·主管部门审核人；期限10个工作日，自收到任务起，逾期仅提醒；依据第二十四条第一款", desc);
        Assert.Contains("不同意则至“申请协调”", desc);
        Assert.Contains("不申请协调则不予通过", desc);
    }

    // ---- the layout ----

    [Fact]
    public void Columns_follow_the_longest_route_from_the_first_step()
    {
        var layout = FlowDiagramLayout.Of(Objection);

        Assert.Equal(
            [("mark", 0), ("scope", 1), ("centre-decision", 2), ("department-decision", 2), ("notify", 3), (FlowRoute.Approved, 4)],
            layout.Nodes.Select(n => (n.Key, n.Layer)));
        var share = FlowDiagramLayout.Of(Share);
        // Refused at once or after coordination: the rejected end sits after coordination, the longest way there.
        Assert.Equal(4, share.Node(FlowRoute.Rejected).Layer);
        Assert.Equal(4, share.Node(FlowRoute.Approved).Layer);
    }

    [Fact]
    public void Branches_take_rows_in_their_order_and_the_first_route_runs_straight()
    {
        var layout = FlowDiagramLayout.Of(Objection);

        Assert.Equal(0, layout.Node("centre-decision").Row);
        Assert.Equal(1, layout.Node("department-decision").Row);
        var first = layout.Edges.Single(e => e.From == "scope" && e.To == "centre-decision");
        Assert.Equal(2, first.Points.Count);
        Assert.Equal(first.Points[0].Y, first.Points[1].Y);
        Assert.True(layout.Node("department-decision").Y > layout.Node("centre-decision").Bottom);
    }

    public static TheoryData<string, string> AllFlows()
    {
        var data = new TheoryData<string, string>();
        foreach (var key in new[] { "check-flow", "objection", "share", "deemed", "update" }) data.Add("test", key);
        foreach (var profile in BuiltInProfiles.All)
            foreach (var flow in profile.Flows) data.Add(profile.Key, flow.Key);
        return data;
    }

    private static FlowRule Resolve(string profile, string key) =>
        profile == "test" ? Flow(key) : BuiltInProfiles.All.Single(p => p.Key == profile).Flow(key)!;

    [Theory, MemberData(nameof(AllFlows))]
    public void Nodes_never_overlap_and_everything_fits_the_view_box(string profile, string key)
    {
        var layout = FlowDiagramLayout.Of(Resolve(profile, key));

        foreach (var a in layout.Nodes)
            foreach (var b in layout.Nodes.Where(b => b != a))
                Assert.False(a.X < b.Right && b.X < a.Right && a.Y < b.Bottom && b.Y < a.Bottom, $"{a.Key} overlaps {b.Key}");
        Assert.All(layout.Nodes, n => Assert.True(n.X >= 0 && n.Y >= 0 && n.Right <= layout.Width && n.Bottom <= layout.Height, n.Key));
        Assert.All(layout.Edges.SelectMany(e => e.Points), p => Assert.True(p.X >= 0 && p.Y >= 0 && p.X <= layout.Width && p.Y <= layout.Height));
        Assert.All(layout.Nodes.SelectMany(n => n.Lines),
            l => Assert.True(l.X + (l.Kind == FlowLineKind.End ? 0 : FlowDiagramLayout.TextWidth(l.Text, FlowDiagramLayout.FontSize(l.Kind))) <= layout.Width));
    }

    [Theory, MemberData(nameof(AllFlows))]
    public void Edges_leave_their_node_on_the_right_and_enter_the_next_on_the_left(string profile, string key)
    {
        var layout = FlowDiagramLayout.Of(Resolve(profile, key));

        Assert.All(layout.Edges, e =>
        {
            var from = layout.Node(e.From);
            var to = layout.Node(e.To);
            Assert.Equal(from.Right, e.Points[0].X);
            Assert.InRange(e.Points[0].Y, from.Y, from.Bottom);
            Assert.Equal(new FlowPoint(to.X, to.Y + to.Height / 2), e.Points[^1]);
            // Orthogonal: each run is horizontal or vertical.
            Assert.All(e.Points.Zip(e.Points.Skip(1)), r => Assert.True(r.First.X == r.Second.X || r.First.Y == r.Second.Y));
        });
        // Each node's text stays inside its box (a Chinese character as wide as the font).
        Assert.All(layout.Nodes.Where(n => n.Kind == FlowNodeKind.Step).SelectMany(n => n.Lines.Select(l => (n, l))),
            x => Assert.True(x.l.X + FlowDiagramLayout.TextWidth(x.l.Text, FlowDiagramLayout.FontSize(x.l.Kind)) <= x.n.Right, x.l.Text));
        Assert.All(layout.Nodes.Where(n => n.Kind == FlowNodeKind.Step).SelectMany(n => n.Lines.Select(l => (n, l))),
            x => Assert.InRange(x.l.Y, x.n.Y, x.n.Bottom));
    }

    [Fact]
    public void The_same_rule_always_gives_the_same_picture()
    {
        static string Fingerprint(FlowDiagramLayout l) => string.Join(";",
            l.Nodes.Select(n => string.Create(CultureInfo.InvariantCulture, $"{n.Key}@{n.X},{n.Y},{n.Width},{n.Height}"))
                .Concat(l.Edges.Select(e => string.Join(" ", e.Points))))
            + string.Create(CultureInfo.InvariantCulture, $"|{l.Width}x{l.Height}");

        Assert.Equal(Fingerprint(FlowDiagramLayout.Of(Share)), Fingerprint(FlowDiagramLayout.Of(Share)));
        Assert.Equal(Draw(Objection).Markup, Draw(Objection).Markup);
    }

    [Fact]
    public void Long_names_wrap_inside_the_box()
    {
        var lines = FlowDiagramLayout.Wrap("作出是否更正的决定（属政务部门更正范围的，2个工作日内转交政务部门）", 196, 13);

        Assert.True(lines.Count > 1);
        Assert.All(lines, l => Assert.True(FlowDiagramLayout.TextWidth(l, 13) <= 196, l));
        Assert.All(lines.Skip(1), l => Assert.DoesNotContain(l[0], "）》，。、；："));
        Assert.Equal("作出是否更正的决定（属政务部门更正范围的，2个工作日内转交政务部门）", string.Concat(lines));
    }

    // ---- on the page ----

    [Fact]
    public void The_local_rules_draw_every_flow_of_the_active_profile_the_first_one_open()
    {
        var profile = BuiltInProfiles.Get(Jurisdiction.Shuangpai);
        var cut = Render<ActiveFlowDiagrams>(p => p.Add(x => x.Profile, profile));

        Assert.Equal("流程图", cut.Find("#policies-diagrams h2").TextContent);
        var panels = cut.FindAll(".gdp-flow-panel");
        Assert.Equal(profile.Flows.Select(f => f.Key), panels.Select(p => p.GetAttribute("data-flow")));
        Assert.Equal(profile.Flows.Select(f => f.Name), panels.Select(p => p.QuerySelector(".mud-expand-panel-header")!.TextContent.Trim()));
        Assert.NotNull(cut.Find($"#flow-diagram-{profile.Flows[0].Key} svg"));
    }

    [Fact]
    public void The_comparison_draws_the_chosen_flow_for_the_five_and_says_where_a_regulation_has_none()
    {
        RenderPopoverProvider();
        var profiles = BuiltInProfiles.All;
        var cut = Render<ComparisonFlowDiagrams>(p => p.Add(x => x.Profiles, profiles).Add(x => x.Active, Jurisdiction.Hubei));

        var sections = cut.FindAll(".gdp-flow-compare");
        Assert.Equal(["长沙市", "双牌县", "湖北省（当前）", "龙岩市", "佛山市"], sections.Select(s => s.QuerySelector("h3")!.TextContent.Trim()));
        var first = PolicyRulesView.Comparison(profiles)[0].FlowKey;
        Assert.Equal(profiles.Count(p => p.Flow(first) is not null), cut.FindAll($"figure[data-flow='{first}']").Count);

        // A flow only some regulations define: the others say so.
        var rare = PolicyRulesView.Comparison(profiles).First(r => r.Cells.Any(c => !c.HasFlow)).FlowKey;
        var select = cut.FindComponent<MudBlazor.MudSelect<string>>();
        cut.InvokeAsync(() => select.Instance.SelectOption(rare));

        cut.WaitForAssertion(() =>
        {
            foreach (var profile in profiles)
            {
                var section = cut.Find($".gdp-flow-compare[data-jurisdiction='{profile.Key}']");
                if (profile.Flow(rare) is null)
                    Assert.Equal("本地办法未规定此流程", section.QuerySelector("p")!.TextContent);
                else
                    Assert.NotNull(section.QuerySelector($"#flow-compare-{profile.Key}-{rare} svg"));
            }
        });
    }
}
