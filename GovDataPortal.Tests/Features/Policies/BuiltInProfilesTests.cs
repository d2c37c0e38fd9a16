using GovDataPortal.Features.Identity;
using GovDataPortal.Features.Policies;
using static GovDataPortal.Features.Policies.Jurisdiction;

namespace GovDataPortal.Tests.Features.Policies;

/// <summary>The five profiles against the regulations' articles, number by number (no database).</summary>
public class BuiltInProfilesTests
{
    private const string Share = FlowKeys.ConditionalShare, Uncatalogued = FlowKeys.UncataloguedDataRequest,
        Open = FlowKeys.ConditionalOpen, Check = FlowKeys.DataCheck, Catalogue = FlowKeys.CatalogueUpdate,
        Objection = FlowKeys.DataSubjectObjection;

    /// <summary>Every step of every flow: jurisdiction, flow, step, working days (null = no day count), article.</summary>
    public static TheoryData<Jurisdiction, string, string, int?, string> Deadlines => new()
    {
        // 有条件共享申请
        { Changsha, Share, "reply", 10, "第二十二条第五款" },
        { Shuangpai, Share, "opinion", 10, "第二十四条第一款第（二）项" },
        { Shuangpai, Share, "decision", null, "第二十四条第一款第（二）项" },
        { Shuangpai, Share, "coordination-request", null, "第二十四条第二款" },
        { Shuangpai, Share, "coordination", null, "第二十四条第二款" },
        { Hubei, Share, "reply", 10, "第二十条第三款" },
        { Hubei, Share, "coordination-request", null, "第二十条第四款" },
        { Hubei, Share, "coordination", null, "第二十条第四款" },
        { Longyan, Share, "review", 5, "第十二条第一款" },
        { Foshan, Share, "reply", 5, "第二十六条第二款" },
        { Foshan, Share, "coordination-request", null, "第二十六条第三款" },
        { Foshan, Share, "coordination", null, "第二十六条第三款" },
        // 目录外数据需求申请 (hubei only)
        { Hubei, Uncatalogued, "reply", 10, "第二十二条第一款" },
        { Hubei, Uncatalogued, "catalogue", null, "第二十二条第一款" },
        // 不予共享数据协商: shuangpai Art. 24 ¶1 item 3 (filing) and foshan Art. 26 ¶3; elsewhere a reading, no day count
        { Changsha, FlowKeys.ShareNegotiation, "reply", null, "第二十二条" },
        { Shuangpai, FlowKeys.ShareNegotiation, "reply", null, "第二十四条第一款第（三）项" },
        { Shuangpai, FlowKeys.ShareNegotiation, "filing", null, "第二十四条第一款第（三）项" },
        { Shuangpai, FlowKeys.ShareNegotiation, "coordination-request", null, "第二十四条第二款" },
        { Shuangpai, FlowKeys.ShareNegotiation, "coordination", null, "第二十四条第二款" },
        { Hubei, FlowKeys.ShareNegotiation, "reply", null, "第二十三条" },
        { Longyan, FlowKeys.ShareNegotiation, "reply", null, "第十一条" },
        { Foshan, FlowKeys.ShareNegotiation, "reply", null, "第二十六条第三款" },
        { Foshan, FlowKeys.ShareNegotiation, "coordination-request", null, "第二十六条第三款" },
        { Foshan, FlowKeys.ShareNegotiation, "coordination", null, "第二十六条第三款" },
        // 有条件开放申请 / 开放需求申请
        { Changsha, Open, "reply", 10, "第二十四条第四款" },
        { Shuangpai, Open, "reply", 15, "第三十二条" },
        { Hubei, Open, "reply", null, "第二十七条" },
        { Longyan, Open, "reply", 20, "第十九条" },
        { Foshan, Open, "reply", null, "第三十六条第（二）项" },
        // 疑义、错误数据校核
        { Changsha, Check, "check", null, "第十八条" },
        { Shuangpai, Check, "check", 5, "第二十七条第二款" },
        { Hubei, Check, "check", 3, "第十三条第三款" },
        { Longyan, Check, "check", 1, "第十四条" },
        { Foshan, Check, "check", 10, "第三十条" },
        // 目录更新
        // The authority's review of a 无需变更 statement is the portal's reading (NoChangeReading) under the same article.
        { Changsha, Catalogue, "update", 15, "第十六条第三款" },
        { Changsha, Catalogue, "no-change-review", null, "第十六条第三款" },
        { Changsha, Catalogue, "filing", null, "第十六条第三款" },
        { Shuangpai, Catalogue, "update", 15, "第十九条第二款" },
        { Shuangpai, Catalogue, "no-change-review", null, "第十九条第二款" },
        { Shuangpai, Catalogue, "filing", null, "第十九条第二款" },
        { Hubei, Catalogue, "update", null, "第十一条" },
        { Hubei, Catalogue, "no-change-review", null, "第十一条" },
        { Longyan, Catalogue, "update", null, "第八条" },
        { Longyan, Catalogue, "no-change-review", null, "第八条" },
        { Foshan, Catalogue, "update", 15, "第十七条" },
        { Foshan, Catalogue, "no-change-review", null, "第十七条" },
        // 公民、法人异议 (shuangpai, hubei)
        { Shuangpai, Objection, "mark", 1, "第四十条第二款" },
        { Shuangpai, Objection, "scope", 2, "第四十条第二款第（一）项、第（二）项" },
        { Shuangpai, Objection, "centre-decision", 5, "第四十条第二款第（一）项" },
        { Shuangpai, Objection, "department-decision", 5, "第四十条第二款第（二）项" },
        { Shuangpai, Objection, "notify-objector", null, "第四十条第二款第（二）项" },
        { Hubei, Objection, "verify", null, "第二十八条" },
        { Hubei, Objection, "notify-objector", null, "第二十八条" },
        // The other three set no objection procedure: the provider verifies and tells the objector, no deadline, the
        // closest article with the portal's reading.
        { Changsha, Objection, "verify-and-notify", null, "第二十四条" },
        { Longyan, Objection, "verify-and-notify", null, "第十条" },
        { Foshan, Objection, "verify-and-notify", null, "第三十条" },
        // 目录审核发布 and 目录撤销 (issue 9): no regulation gives the reviews a day count
        { Changsha, FlowKeys.CatalogueReview, "department-review", null, "第十六条第二款" },
        { Changsha, FlowKeys.CatalogueReview, "authority-review", null, "第十六条第二款" },
        { Changsha, FlowKeys.CatalogueWithdrawal, "authority-approval", null, "第十六条第二款" },
        { Shuangpai, FlowKeys.CatalogueReview, "department-review", null, "第十七条第一款" },
        { Shuangpai, FlowKeys.CatalogueReview, "authority-review", null, "第十八条" },
        { Shuangpai, FlowKeys.CatalogueWithdrawal, "authority-approval", null, "第十七条第一款" },
        { Hubei, FlowKeys.CatalogueReview, "department-review", null, "第十条第四款" },
        { Hubei, FlowKeys.CatalogueReview, "authority-review", null, "第十条第三款" },
        { Hubei, FlowKeys.CatalogueWithdrawal, "authority-approval", null, "第十条第三款" },
        { Longyan, FlowKeys.CatalogueReview, "department-review", null, "第八条" },
        { Longyan, FlowKeys.CatalogueReview, "authority-review", null, "第八条" },
        { Longyan, FlowKeys.CatalogueWithdrawal, "authority-approval", null, "第八条" },
        { Foshan, FlowKeys.CatalogueReview, "department-review", null, "第十七条" },
        { Foshan, FlowKeys.CatalogueReview, "authority-review", null, "第十七条" },
        { Foshan, FlowKeys.CatalogueWithdrawal, "authority-approval", null, "第十七条" },
    };

    [Theory]
    [MemberData(nameof(Deadlines))]
    public void Each_step_has_the_days_and_article_of_its_regulation(Jurisdiction j, string flow, string step, int? days, string article)
    {
        var rule = BuiltInProfiles.Get(j).Flow(flow)?.Step(step);

        Assert.NotNull(rule);
        Assert.Equal(days, rule.Days);
        Assert.Equal(new Citation(j, article), rule.Citation);
    }

    [Fact]
    public void The_profiles_hold_exactly_the_flows_and_steps_of_the_table_in_its_order()
    {
        var expected = Deadlines.GroupBy(row => $"{row[0]}/{row[1]}", row => (string)row[2])
            .ToDictionary(g => g.Key, g => string.Join(" → ", g));
        var actual = BuiltInProfiles.All.SelectMany(p => p.Flows)
            .ToDictionary(f => $"{f.Citation.Jurisdiction}/{f.Key}", f => string.Join(" → ", f.Steps.Select(s => s.Key)));

        Assert.Equal(expected.OrderBy(kv => kv.Key), actual.OrderBy(kv => kv.Key));
    }

    [Fact]
    public void Only_hubei_has_the_uncatalogued_data_request_and_every_profile_an_objection_flow()
    {
        Assert.Equal([Hubei], With(Uncatalogued));
        Assert.Equal(Enum.GetValues<Jurisdiction>(), With(Objection));
        Assert.Equal(Enum.GetValues<Jurisdiction>(), With(Share));
        Assert.Equal(Enum.GetValues<Jurisdiction>(), With(Check));
    }

    [Fact]
    public void Every_profile_reviews_catalogues_in_the_department_then_at_the_authority_and_has_the_authority_approve_withdrawals()
    {
        foreach (var profile in BuiltInProfiles.All)
        {
            var review = profile.Flow(FlowKeys.CatalogueReview)!;
            Assert.Equal([(StepActor.ProviderDepartment, PortalRoles.DepartmentApprover), (StepActor.DataAuthority, PortalRoles.AuthorityReviewer)],
                review.Steps.Select(s => (s.Actor, s.Role)));
            Assert.All(review.Steps, s => Assert.Equal(StepActions.Approve | StepActions.Reject, s.Actions));
            Assert.Equal(FlowRoute.Approved, review.ApproveTarget(review.Steps[1]));
            var withdrawal = profile.Flow(FlowKeys.CatalogueWithdrawal)!;
            Assert.Equal((StepActor.DataAuthority, PortalRoles.AuthorityReviewer), (withdrawal.FirstStep.Actor, withdrawal.FirstStep.Role));
            Assert.Equal(StepActions.Approve | StepActions.Reject, withdrawal.FirstStep.Actions);
        }
    }

    [Fact]
    public void The_built_in_profiles_pass_the_validator()
    {
        Assert.Empty(PolicyProfileValidator.Check(BuiltInProfiles.All));
    }

    [Fact]
    public void Hubei_conditional_share_is_deemed_approved_when_overdue_and_says_reply_immediately_if_possible()
    {
        var flow = BuiltInProfiles.Get(Hubei).Flow(Share)!;

        Assert.Equal(TimeoutAction.DeemedApproval, flow.FirstStep.OnTimeout);
        Assert.Equal(10, flow.FirstStep.Days);
        Assert.Contains("能够立即答复的，应当立即答复", flow.Notes);
        Assert.Contains("视为同意，由政务数据共享平台自动授权", flow.Notes);
        // A deemed approval grants: it follows the approve route to the approved end, never to coordination.
        Assert.Equal(FlowRoute.Approved, flow.ApproveTarget(flow.FirstStep));
        Assert.Equal("coordination-request", FlowRule.RejectTarget(flow.FirstStep));
    }

    [Fact]
    public void No_other_step_is_deemed_approved()
    {
        var deemed = AllSteps().Where(x => x.Step.OnTimeout == TimeoutAction.DeemedApproval).Select(x => $"{x.Profile.Key}/{x.Flow.Key}");

        Assert.Equal(["hubei/conditional-share"], deemed);
    }

    [Fact]
    public void Shuangpai_data_check_extends_to_at_most_15_days_with_the_leaderships_consent_and_notice()
    {
        var flow = BuiltInProfiles.Get(Shuangpai).Flow(Check)!;

        Assert.Equal(new ExtensionRule(15, PortalRoles.Leadership, true, new Citation(Shuangpai, "第二十七条第二款")), flow.Extension);
        Assert.Equal(StepActions.Approve | StepActions.Return | StepActions.RequestExtension, flow.FirstStep.Actions);
        Assert.Equal(StepActor.ProviderDepartment, flow.FirstStep.Actor);
        Assert.Equal(PortalRoles.DepartmentApprover, flow.FirstStep.Role);
    }

    [Fact]
    public void Only_shuangpai_data_check_may_ask_for_an_extension()
    {
        var extendable = AllSteps().Where(x => x.Step.Actions.HasFlag(StepActions.RequestExtension)).Select(x => $"{x.Profile.Key}/{x.Flow.Key}");

        Assert.Equal(["shuangpai/data-check"], extendable);
        Assert.Single(BuiltInProfiles.All.SelectMany(p => p.Flows), f => f.Extension is not null);
    }

    [Fact]
    public void Longyans_immediately_is_read_as_one_day_and_marked_as_the_portals_reading()
    {
        var step = BuiltInProfiles.Get(Longyan).Flow(Check)!.FirstStep;

        Assert.Equal(1, step.Days);
        Assert.Equal("“立即”按1个工作日执行（本系统的解释，非原文）", step.Reading);
    }

    [Fact]
    public void Every_reading_says_it_is_the_portals_and_every_one_day_step_without_that_number_in_the_seed_has_one()
    {
        var readings = AllSteps().Where(x => x.Step.Reading is not null).ToList();

        Assert.All(readings, x => Assert.Contains("本系统", x.Step.Reading));
        Assert.Equal(["changsha/catalogue-update/no-change-review", "changsha/data-subject-objection/verify-and-notify",
                "changsha/share-negotiation/reply", "foshan/catalogue-update/no-change-review", "foshan/data-subject-objection/verify-and-notify",
                "hubei/catalogue-update/no-change-review", "hubei/share-negotiation/reply", "longyan/catalogue-update/no-change-review",
                "longyan/data-check/check", "longyan/data-subject-objection/verify-and-notify", "longyan/share-negotiation/reply",
                "shuangpai/catalogue-update/no-change-review", "shuangpai/data-subject-objection/scope"],
            readings.Select(x => $"{x.Profile.Key}/{x.Flow.Key}/{x.Step.Key}").Order());
        // A reading is never part of the regulation's own text that the notes quote.
        Assert.All(readings, x => Assert.DoesNotContain("本系统的解释", x.Flow.Notes ?? ""));
    }

    [Fact]
    public void Data_checks_are_answered_by_the_providers_department_approver()
    {
        var checks = BuiltInProfiles.All.Select(p => p.Flow(Check)!.FirstStep).ToList();

        Assert.All(checks, s => Assert.Equal((StepActor.ProviderDepartment, PortalRoles.DepartmentApprover), (s.Actor, s.Role)));
        Assert.All(checks, s => Assert.True(s.Actions.HasFlag(StepActions.Approve | StepActions.Return)));
    }

    [Fact]
    public void Only_hubei_data_check_escalates_an_overdue_case_to_the_authority_which_art_13_makes_supervise_it()
    {
        var escalating = AllSteps().Where(x => x.Step.OnTimeout == TimeoutAction.EscalateToAuthority).Select(x => $"{x.Profile.Key}/{x.Flow.Key}");

        Assert.Equal(["hubei/data-check"], escalating);
        Assert.Contains("第十三条第一款", BuiltInProfiles.Get(Hubei).Flow(Check)!.Notes);
    }

    [Fact]
    public void Longyan_conditional_share_is_reviewed_by_the_data_authority_and_its_open_flow_is_the_open_demand_application()
    {
        var longyan = BuiltInProfiles.Get(Longyan);

        Assert.Equal(StepActor.DataAuthority, longyan.Flow(Share)!.FirstStep.Actor);
        Assert.Equal(PortalRoles.AuthorityReviewer, longyan.Flow(Share)!.FirstStep.Role);
        Assert.Equal("开放需求申请", longyan.Flow(Open)!.Name);
    }

    [Fact]
    public void Shuangpais_objection_marks_in_1_then_keeps_or_forwards_in_2_and_decides_in_5_counted_as_art_40_says()
    {
        var flow = BuiltInProfiles.Get(Shuangpai).Flow(Objection)!;

        // Art. 40 ¶2 counts the mark, the forwarding and the centre's decision from its receipt of the objection, the
        // department's decision from the department's receipt of the forwarded material.
        Assert.Equal(
            [
                ("mark", 1, DeadlineAnchor.FlowStarted),
                ("scope", 2, DeadlineAnchor.FlowStarted),
                ("centre-decision", 5, DeadlineAnchor.FlowStarted),
                ("department-decision", 5, DeadlineAnchor.TaskReceived),
                ("notify-objector", (int?)null, DeadlineAnchor.TaskReceived),
            ],
            flow.Steps.Select(s => (s.Key, s.Days, s.Anchor)));
        var scope = flow.Step("scope")!;
        Assert.Equal(StepActions.Choose, scope.Actions);
        Assert.Equal([("own", "属本中心更正范围", "centre-decision"), ("department", "转交政务部门", "department-decision")],
            scope.Branches.Select(b => (b.Key, b.Name, b.Target)));
        Assert.Contains("本系统的解释", scope.Reading);
        Assert.Equal("notify-objector", flow.ApproveTarget(flow.Step("centre-decision")!));
        Assert.Equal("notify-objector", flow.ApproveTarget(flow.Step("department-decision")!));
        Assert.Equal((StepActor.ProviderDepartment, PortalRoles.DepartmentApprover),
            (flow.Step("department-decision")!.Actor, flow.Step("department-decision")!.Role));
        // "不予更正" is a decision: a rejection would end the flow before the objector is told.
        Assert.All(flow.Steps, s => Assert.False(s.Actions.HasFlag(StepActions.Reject)));
        Assert.Equal(["notify-objector"], flow.Steps.Where(s => s.NotifiesRequester).Select(s => s.Key));
        Assert.True(flow.ExternalRequester);
    }

    [Fact]
    public void Shuangpais_conditional_share_asks_the_centre_and_the_provider_then_the_city_decides_and_a_refusal_may_go_to_coordination()
    {
        var flow = BuiltInProfiles.Get(Shuangpai).Flow(Share)!;
        var opinion = flow.Step("opinion")!;
        var decision = flow.Step("decision")!;

        Assert.Equal(
            [new StepParticipant(StepActor.DataAuthority, PortalRoles.AuthorityReviewer), new StepParticipant(StepActor.ProviderDepartment, PortalRoles.DepartmentApprover)],
            opinion.Participants);
        Assert.Equal(Consensus.All, opinion.Consensus);
        // The city decides either way (Art. 24 ¶1 item (二)): an unfavourable opinion goes to it too.
        Assert.Equal(("decision", "decision"), (flow.ApproveTarget(opinion), FlowRule.RejectTarget(opinion)));
        Assert.Equal((StepActor.HigherDataAuthority, PortalRoles.AuthorityReviewer), (decision.Actor, decision.Role));
        Assert.Equal((FlowRoute.Approved, "coordination-request"), (flow.ApproveTarget(decision), FlowRule.RejectTarget(decision)));
        Assert.Equal([("ask", "coordination"), ("accept", FlowRoute.Rejected)],
            flow.Step("coordination-request")!.Branches.Select(b => (b.Key, b.Target)));
        Assert.Equal(StepActor.RequesterDepartment, flow.Step("coordination-request")!.Actor);
        Assert.Equal(new CoordinationRule("coordination", new Citation(Shuangpai, "第二十四条第二款")), flow.Coordination);
    }

    [Theory]
    [InlineData(Hubei, "第二十条第四款")]
    [InlineData(Shuangpai, "第二十四条第二款")]
    [InlineData(Foshan, "第二十六条第三款")]
    public void A_refusal_may_lead_to_the_authoritys_coordination_where_the_seed_gives_one(Jurisdiction j, string article)
    {
        var flow = BuiltInProfiles.Get(j).Flow(Share)!;

        Assert.Equal(new CoordinationRule("coordination", new Citation(j, article)), flow.Coordination);
        var coordination = flow.Step("coordination")!;
        Assert.Equal((StepActor.DataAuthority, PortalRoles.AuthorityReviewer), (coordination.Actor, coordination.Role));
        Assert.Equal((FlowRoute.Approved, FlowRoute.Rejected), (flow.ApproveTarget(coordination), FlowRule.RejectTarget(coordination)));
        Assert.Contains(flow.Steps, s => FlowRule.RejectTarget(s) == "coordination-request");
    }

    [Fact]
    public void Only_those_three_conditional_shares_and_two_negotiations_have_a_coordination_and_only_foshan_a_direct_grant()
    {
        var flows = BuiltInProfiles.All.SelectMany(p => p.Flows.Select(f => (p.Key, Flow: f))).ToList();

        Assert.Equal(["foshan/conditional-share", "foshan/share-negotiation", "hubei/conditional-share", "shuangpai/conditional-share",
                "shuangpai/share-negotiation"],
            flows.Where(x => x.Flow.Coordination is not null).Select(x => $"{x.Key}/{x.Flow.Key}").Order());
        var grant = Assert.Single(flows, x => x.Flow.DirectGrant is not null).Flow;
        Assert.Equal(new DirectGrantRule("需求符合已明确的应用场景的，可直接获得授权", new Citation(Foshan, "第二十八条第二款")), grant.DirectGrant);
        Assert.Equal(5, grant.FirstStep.Days);
    }

    [Theory]
    [InlineData(Changsha)]
    [InlineData(Shuangpai)]
    [InlineData(Foshan)]
    public void Catalogue_updates_with_15_days_count_from_the_law_change(Jurisdiction j)
    {
        var flow = BuiltInProfiles.Get(j).Flow(Catalogue)!;

        Assert.Equal("法律、法规修订或者行政管理职能发生变化之日", flow.GivenDateName);
        Assert.Equal((15, DeadlineAnchor.GivenDate), (flow.Step("update")!.Days, flow.Step("update")!.Anchor));
        Assert.All(flow.Steps.Where(s => s.Key != "update"), s => Assert.Equal(DeadlineAnchor.TaskReceived, s.Anchor));
    }

    [Fact]
    public void Only_the_catalogue_updates_and_shuangpais_objection_count_from_anything_but_the_tasks_arrival()
    {
        var anchored = AllSteps().Where(x => x.Step.Anchor != DeadlineAnchor.TaskReceived).Select(x => $"{x.Profile.Key}/{x.Flow.Key}/{x.Step.Key}");

        Assert.Equal(
            [
                "changsha/catalogue-update/update", "foshan/catalogue-update/update", "shuangpai/catalogue-update/update",
                "shuangpai/data-subject-objection/centre-decision", "shuangpai/data-subject-objection/mark",
                "shuangpai/data-subject-objection/scope",
            ],
            anchored.Order());
    }

    [Fact]
    public void Hubeis_objection_suspends_opening_on_receipt_then_the_provider_chooses_a_measure_and_tells_the_objector()
    {
        var flow = BuiltInProfiles.Get(Hubei).Flow(Objection)!;

        Assert.Equal(new ReceiptEffect(ReceiptEffectKind.SuspendOpening, new Citation(Hubei, "第二十八条")), flow.OnReceipt);
        Assert.True(flow.ExternalRequester);
        var verify = flow.Step("verify")!;
        Assert.Equal((StepActor.ProviderDepartment, PortalRoles.DepartmentApprover, StepActions.Choose), (verify.Actor, verify.Role, verify.Actions));
        Assert.Equal([("withdraw", "撤回数据"), ("restore", "恢复开放"), ("process", "处理后再开放")], verify.Branches.Select(b => (b.Key, b.Name)));
        Assert.All(verify.Branches, b => Assert.Equal("notify-objector", b.Target));
        var notify = flow.Step("notify-objector")!;
        Assert.True(notify.NotifiesRequester);
        Assert.Equal((StepActor.ProviderDepartment, StepActions.Approve), (notify.Actor, notify.Actions));
    }

    [Fact]
    public void Citizens_and_organisations_may_start_the_open_requests_and_objections_and_nothing_else()
    {
        var external = BuiltInProfiles.All.SelectMany(p => p.Flows.Where(f => f.ExternalRequester).Select(f => $"{p.Key}/{f.Key}"));

        Assert.Equal(
            [
                "changsha/conditional-open", "changsha/data-subject-objection", "foshan/conditional-open", "foshan/data-subject-objection",
                "hubei/conditional-open", "hubei/data-subject-objection", "longyan/conditional-open", "longyan/data-subject-objection",
                "shuangpai/conditional-open", "shuangpai/data-subject-objection",
            ],
            external.Order());
    }

    [Fact]
    public void Every_other_flow_is_still_a_straight_line()
    {
        var routed = AllSteps().Where(x => x.Step.OnApprove is not null || x.Step.OnReject is not null || x.Step.Branches.Count > 0
                || x.Step.Also.Count > 0)
            .Select(x => $"{x.Profile.Key}/{x.Flow.Key}").Distinct().Order();

        Assert.Equal(
            [
                "changsha/catalogue-update", "foshan/catalogue-update", "foshan/conditional-share", "foshan/share-negotiation",
                "hubei/catalogue-update", "hubei/conditional-share", "hubei/data-subject-objection", "hubei/uncatalogued-data-request",
                "longyan/catalogue-update", "shuangpai/catalogue-update", "shuangpai/conditional-share", "shuangpai/data-subject-objection",
                "shuangpai/share-negotiation",
            ],
            routed);
    }

    [Fact]
    public void Every_citation_is_an_article_of_its_own_jurisdiction()
    {
        var citations = BuiltInProfiles.All.SelectMany(p => p.Flows.SelectMany(f =>
            f.Steps.Select(s => s.Citation)
                .Concat(new[] { f.Citation, f.DirectGrant?.Citation, f.Coordination?.Citation, f.OnReceipt?.Citation }.OfType<Citation>())
                .Select(c => (p.Jurisdiction, Citation: c))));

        Assert.All(citations, c =>
        {
            Assert.StartsWith("第", c.Citation.Article);
            Assert.Equal(c.Jurisdiction, c.Citation.Jurisdiction);
        });
    }

    [Fact]
    public void Annual_duties_keep_hubeis_january_and_february_due_dates()
    {
        var hubei = AnnualDuties.Of(Hubei);

        Assert.Contains(hubei, d => d.Due == "每年1月底前" && d.Citation.Article == "第三十八条");
        Assert.Contains(hubei, d => d.Due == "每年2月底前");
        Assert.Equal(2, AnnualDuties.Of(Changsha).Count);
        Assert.Empty(AnnualDuties.Of(Shuangpai));
    }

    private static Jurisdiction[] With(string flowKey) =>
        [.. BuiltInProfiles.All.Where(p => p.Flow(flowKey) is not null).Select(p => p.Jurisdiction)];

    private static IEnumerable<(PolicyProfile Profile, FlowRule Flow, StepRule Step)> AllSteps() =>
        BuiltInProfiles.All.SelectMany(p => p.Flows.SelectMany(f => f.Steps.Select(s => (p, f, s))));
}
