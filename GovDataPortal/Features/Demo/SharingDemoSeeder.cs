using GovDataPortal.Features.Catalogue;
using GovDataPortal.Features.Identity;
using GovDataPortal.Features.OpenData;
using GovDataPortal.Features.Organisation;
using GovDataPortal.Features.Sharing;
using GovDataPortal.Features.Sharing.Grants;
using GovDataPortal.Features.Sharing.Requests;
using GovDataPortal.Features.Sharing.Scenarios;
using GovDataPortal.Features.Workflow;
using GovDataPortal.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Features.Demo;

/// <summary>
/// The demo's sharing and open-data requests (run by <c>seed-demo</c> after <see cref="CatalogueDemoSeeder"/>): every
/// request, decision, grant, use, scenario, open-data request and objection is made through the feature services and
/// the flow engine, acting as the demo user who would make it, so states, tasks, messages and audit agree. Only
/// timestamps are moved afterwards (<see cref="BackdateAsync"/>): the services stamp "now", and a demo needs requests
/// from weeks and months ago (an overdue one, grants with usage per month, an expired grant). Idempotent: skipped when
/// any share request exists, and when the catalogue has not been seeded.
/// </summary>
public sealed class SharingDemoSeeder(
    IDbContextFactory<PortalDbContext> factory,
    IServiceScopeFactory scopes,
    TimeProvider clock,
    FlowDeadlines deadlines)
{
    /// <summary>What was written; <see cref="Empty"/> when skipped.</summary>
    public sealed record Result(int ShareRequests, int Grants, int Uses, int Scenarios, int OpenRequests, int Objections)
    {
        public static Result Empty { get; } = new(0, 0, 0, 0, 0, 0);
    }

    private const string Centre = "zhaomin", City = "yangli";
    private const string PoliceSpecialist = "zhangwei", PoliceApprover = "lina";
    private const string MarketSpecialist = "liuyang", MarketApprover = "chenjing";
    private const string HrSpecialist = "yangfan", HrApprover = "zhuhong";

    private const ShareMethods Api = ShareMethods.PlatformApi, Verify = ShareMethods.PlatformQueryVerify;

    private int uses;

    public async Task<Result> SeedAsync(CancellationToken ct = default)
    {
        await using (var db = await factory.CreateDbContextAsync(ct))
            if (await db.ShareRequests.AnyAsync(ct) || !await db.CatalogueEntries.AnyAsync(e => e.Status == EntryStatus.Published, ct))
                return Result.Empty;
        var today = ChinaTime.Today(clock);
        var count = 0;

        // 1. Under review at the opinion step (shuangpai Art. 24 ¶1 item 2): the centre has agreed, 公安局 has not answered yet.
        var running = await SubmitAsync(MarketSpecialist, "居民身份证信息", ["公民身份号码", "姓名", "证件状态"], ShareOperations.Compare, Verify,
            "《中华人民共和国市场主体登记管理条例》第十七条：登记机关对申请人身份信息进行核验", "个体工商户设立登记时，核验经营者身份证件的真实性和有效性",
            "县市场监管局登记注册股窗口工作人员", today.AddYears(1), ct);
        await DecideAsync(Centre, running, "approve", "同意。申请事项属于市场主体登记法定职责，所需信息项符合最小必要原则。", ct);
        await BackdateAsync(running, 3, ct);
        count++;

        // 2. Overdue: nobody answered within the 10 working days.
        var overdue = await SubmitAsync(HrSpecialist, "户籍迁移信息", ["公民身份号码", "姓名", "迁移类型", "迁入地", "迁移日期"], ShareOperations.Compare, Verify,
            "《社会保险经办条例》第十条：社会保险经办机构核查参保人员户籍变动情况", "城乡居民养老保险参保人户籍迁出后的待遇资格核查",
            "县社会保险服务中心待遇审核人员", today.AddYears(1), ct);
        await BackdateAsync(overdue, 20, ct);
        count++;

        // 3. Granted after both opinions and the city's determination; used through the exchange platform ever since.
        var hotels = await GrantThroughFlowAsync(MarketSpecialist, "旅馆业治安管理信息", ["统一社会信用代码", "单位名称", "特种行业许可证号", "经营地址"],
            ShareOperations.View | ShareOperations.Compare, Api,
            "《中华人民共和国食品安全法》第一百一十条：对食品经营者进行监督检查", "对住宿业经营主体开展食品安全“双随机”检查前，比对其特种行业许可情况",
            "县市场监管局食品经营监管股执法人员", today.AddDays(240), ct);
        await RecordUsesAsync(MarketSpecialist, hotels, 34, 1, 125, ["统一社会信用代码", "单位名称", "特种行业许可证号"], ShareOperations.Compare, Api,
            "住宿业食品安全双随机检查对象核验", ct);
        await BackdateAsync(hotels, 130, ct);
        count++;

        var identity = await GrantThroughFlowAsync(HrSpecialist, "居民身份证信息", ["公民身份号码", "姓名", "证件状态"], ShareOperations.Compare, Verify,
            "《失业保险条例》第十六条：经办机构核验失业人员身份", "失业保险金申领时核验申领人居民身份证的有效性",
            "县就业服务中心失业保险经办人员", today.AddDays(300), ct, signAgreement: false);
        await RecordUsesAsync(HrSpecialist, identity, 27, 1, 95, ["公民身份号码", "姓名", "证件状态"], ShareOperations.Compare, Verify,
            "失业保险金申领人身份核验", ct);
        await BackdateAsync(identity, 100, ct);
        count++;

        // 4. Unconditional share: granted at once, still recorded (foshan Art. 26 ¶1 as the portal applies it everywhere).
        var register = await SubmitAsync(HrSpecialist, "市场主体登记信息", ["统一社会信用代码", "单位名称", "登记状态"], ShareOperations.Obtain, Api,
            "《社会保险费征缴暂行条例》第七条：缴费单位办理社会保险登记", "新设立企业社会保险登记时获取其登记状态，主动提醒参保",
            "县社会保险服务中心参保登记人员", today.AddYears(2), ct);
        await RecordUsesAsync(HrSpecialist, register, 22, 2, 140, ["统一社会信用代码", "单位名称", "登记状态"], ShareOperations.Obtain, Api,
            "新设立企业参保登记提醒", ct);
        await BackdateAsync(register, 150, ct);
        count++;

        // 5. Suspended by the provider for misuse, with its reason (shuangpai Art. 25); the centre is told by the service.
        var inspections = await GrantThroughFlowAsync(MarketSpecialist, "劳动保障监察案件信息", ["统一社会信用代码", "单位名称", "案由", "处理结果"],
            ShareOperations.View, Api,
            "《企业信息公示暂行条例》第十条：归集企业受到行政处罚的信息", "将欠薪等劳动保障违法案件的处理结果记入企业信用记录",
            "县市场监管局信用监管股工作人员", today.AddDays(200), ct);
        await RecordUsesAsync(MarketSpecialist, inspections, 9, 5, 55, ["统一社会信用代码", "单位名称", "处理结果"], ShareOperations.View, Api,
            "企业信用记录归集", ct);
        await BackdateAsync(inspections, 60, ct);
        var suspended = await GrantOfAsync(inspections, ct);
        await AsAsync(HrApprover, s => s.GetRequiredService<GrantService>().SuspendAsync(suspended,
            "发现使用部门将劳动保障监察案件信息批量导出后提供给第三方机构用于企业筛查，超出申请的用途。暂停授权，整改完成并书面说明后再行恢复。", ct));
        count++;

        // 6. Ending within the reminder period: the reminder job tells the requesting department.
        var cards = await GrantThroughFlowAsync(PoliceSpecialist, "社会保障卡信息", ["公民身份号码", "姓名", "卡状态"], ShareOperations.Compare, Verify,
            "《中华人民共和国治安管理处罚法》第八十七条：公安机关核查相关人员身份", "在逃人员和重点人员身份核查时比对其社会保障卡使用状态",
            "县公安局情报指挥中心民警", today.AddDays(7), ct);
        await RecordUsesAsync(PoliceSpecialist, cards, 12, 1, 170, ["公民身份号码", "姓名", "卡状态"], ShareOperations.Compare, Verify,
            "重点人员身份核查", ct);
        await BackdateAsync(cards, 180, ct);
        await AsAsync(PoliceSpecialist, s => s.GetRequiredService<GrantJobs>().RemindAsync(ct));
        count++;

        // 7. Expired: asked for a year ago; its end date has passed and the expiry job closed it.
        var equipment = await GrantThroughFlowAsync(PoliceSpecialist, "特种设备登记信息", ["统一社会信用代码", "单位名称", "设备类别", "使用地点"],
            ShareOperations.View, Api,
            "《大型群众性活动安全管理条例》第十一条：公安机关对活动场所进行安全检查", "大型群众性活动安全许可前核查场所电梯、锅炉等特种设备的登记情况",
            "县公安局治安管理大队民警", today.AddDays(1), ct);
        await RecordUsesAsync(PoliceSpecialist, equipment, 6, 25, 160, ["统一社会信用代码", "单位名称", "设备类别"], ShareOperations.View, Api,
            "大型群众性活动场所安全检查", ct);
        await BackdateAsync(equipment, 380, ct, endDate: today.AddDays(-20));
        await AsAsync(PoliceSpecialist, s => s.GetRequiredService<GrantJobs>().ExpireAsync(ct));
        count++;

        // 8. Refused with reasons: 公安局 disagrees, the city determines 不予共享, and 人社局 accepts rather than ask for coordination.
        var refused = await SubmitAsync(HrSpecialist, "出入境证件办理信息", ["公民身份号码", "姓名", "证件类型", "证件号码"], ShareOperations.Compare, Verify,
            "《工伤保险条例》第四十二条：工伤职工拒不接受劳动能力鉴定等情形停止享受待遇", "核查领取工伤保险待遇人员是否出境定居",
            "县社会保险服务中心待遇审核人员", today.AddYears(1), ct);
        await DecideAsync(Centre, refused, "approve", "同意，请提供部门审慎审核申请的信息项范围。", ct);
        await DecideAsync(PoliceApprover, refused, "reject",
            "出入境证件号码和证件类型属于敏感个人信息，待遇资格核查只需确认是否出境定居，申请的信息项超出最小必要范围。依据《中华人民共和国个人信息保护法》第六条、第二十八条。", ct);
        await DecideAsync(City, refused, "reject",
            "经研究，同意县公安局意见，不予共享。人社部门可改为申请由公安机关按季度提供出境定居人员名单核查结果。依据《中华人民共和国个人信息保护法》第六条。", ct);
        await DecideAsync(HrSpecialist, refused, "accept", "接受不予共享的决定，另行按季度申请核查结果。", ct);
        await BackdateAsync(refused, 45, ct);
        count++;

        // 9. Withdrawn by the requester.
        var withdrawn = await SubmitAsync(MarketSpecialist, "机动车登记信息", ["号牌号码", "车辆类型", "所有人名称", "统一社会信用代码"], ShareOperations.Compare, Verify,
            "《中华人民共和国道路运输条例》第八条：对道路运输经营者的车辆进行核查", "核查网络预约出租汽车经营者名下车辆的登记情况",
            "县市场监管局网络交易监管股工作人员", today.AddYears(1), ct);
        await AsAsync(MarketSpecialist, s => s.GetRequiredService<ShareRequestService>()
            .WithdrawAsync(withdrawn, "经核实，网约车车辆核查属于交通运输部门职责，本局不再申请。", ct));
        await BackdateAsync(withdrawn, 30, ct);
        count++;

        // 10. A negotiation about a 不予共享 entry (shuangpai Art. 24 ¶1 item 3), still open.
        var taxEntry = await EntryAsync("社会保险费缴费信息", ct);
        await AsAsync(HrSpecialist, s => s.GetRequiredService<OutsideCatalogueService>().RequestNegotiationAsync(new ShareRequestDraft
        {
            CatalogueEntryId = taxEntry.Id, ItemNames = ["统一社会信用代码", "缴费单位", "费种"],
            DutyBasis = "《中华人民共和国社会保险法》第五十九条、第六十条：社会保险费征缴及参保情况核查",
            Scenario = "核对本县参保单位的社会保险费缴费情况，发现漏缴、少缴单位并督促补缴", Methods = Api, Operations = ShareOperations.Compare,
            Users = "县社会保险服务中心稽核人员", EndDate = today.AddYears(1),
        }, ct));
        count++;

        var scenarios = await SeedScenariosAsync(ct);
        var (openRequests, objections) = await SeedOpenDataAsync(today, ct);
        return new Result(count, 6, uses, scenarios, openRequests, objections);
    }

    /// <summary>
    /// Application scenarios (foshan Art. 28; the other regulations register them by reference to it): one approved by
    /// the centre, one waiting for it.
    /// </summary>
    private async Task<int> SeedScenariosAsync(CancellationToken ct)
    {
        var identity = await EntryAsync("居民身份证信息", ct);
        var register = await EntryAsync("市场主体登记信息", ct);
        var approved = await AsAsync(MarketSpecialist, s => s.GetRequiredService<ApplicationScenarioService>().RegisterAsync(new ScenarioDraft
        {
            Name = "个体工商户登记“一件事一次办”身份核验",
            Business = "个体工商户设立、变更、注销登记时，在线核验经营者身份，申请人无需再提交身份证复印件。",
            LegalBasis = "《促进个体工商户发展条例》第十条；《市场主体登记管理条例》第十七条",
            InvolvedDepartmentIds = [identity.ProviderDepartmentId],
            Entries = [new ScenarioEntryDraft(identity.Id, ["公民身份号码", "姓名", "证件状态"])],
        }, ct));
        await AsAsync(Centre, async s =>
        {
            var service = s.GetRequiredService<ApplicationScenarioService>();
            var detail = await service.GetAsync(approved, ct) ?? throw new InvalidOperationException("应用场景不存在。");
            await service.ApproveAsync(approved, detail.Version, "场景业务明确，使用的数据和信息项符合最小必要原则，同意纳入应用场景清单。", ct);
        });

        await AsAsync(HrSpecialist, s => s.GetRequiredService<ApplicationScenarioService>().RegisterAsync(new ScenarioDraft
        {
            Name = "就业困难人员认定联审",
            Business = "认定就业困难人员时，联审申请人身份和名下市场主体登记情况，符合条件的当场认定。",
            LegalBasis = "《中华人民共和国就业促进法》第五十二条；《湖南省就业困难人员认定办法》",
            InvolvedDepartmentIds = [identity.ProviderDepartmentId, register.ProviderDepartmentId],
            Entries =
            [
                new ScenarioEntryDraft(identity.Id, ["公民身份号码", "姓名"]),
                new ScenarioEntryDraft(register.Id, ["统一社会信用代码", "单位名称", "法定代表人", "登记状态"]),
            ],
        }, ct));
        return 2;
    }

    /// <summary>
    /// Open-data requests from parties without accounts, entered by staff (a citizen's, in review; a company's, approved
    /// by the provider), and a data-subject objection that the centre marked and forwarded to the department
    /// (shuangpai Art. 40 ¶2 item 2), waiting for its decision.
    /// </summary>
    private async Task<(int Requests, int Objections)> SeedOpenDataAsync(DateOnly today, CancellationToken ct)
    {
        var calls = await EntryAsync("110接处警统计信息", ct);
        await AsAsync(PoliceSpecialist, s => s.GetRequiredService<OpenDataService>().SubmitRequestAsync(new OpenRequestInput
        {
            ApplicantKind = FlowPartyKind.Person, ApplicantName = "王建国", IdentityNumber = CitizenId("43112319860315203"),
            Phone = "13974601234", Address = "双牌县泷泊镇潇水中路18号", CatalogueEntryId = calls.Id,
            ItemNames = ["统计月份", "报警类别", "接警数", "出警数"], PurposeKind = PurposeKind.Research,
            Purpose = "撰写《县域社会治安态势与警力配置研究》硕士学位论文，分析近三年各类警情的季节分布。",
            UseFrom = today, UseUntil = today.AddMonths(6),
            SecurityMeasures = "数据仅存放于本人加密计算机，不对外提供；论文只发表汇总分析结果，研究结束后删除原始数据。",
        }, ct));

        var business = await EntryAsync("不动产登记业务统计信息", ct);
        var company = await AsAsync(Centre, s => s.GetRequiredService<OpenDataService>().SubmitRequestAsync(new OpenRequestInput
        {
            ApplicantKind = FlowPartyKind.Organisation, ApplicantName = "永州潇湘数智科技有限公司",
            IdentityNumber = DemoSeeder.DemoCreditCode(DepartmentKind.PublicServiceEnterprise, 90),
            OrganisationType = OrganisationType.DomesticControlledEnterprise, Phone = "0746-7221688", Email = "data@xxsz.example.cn",
            CatalogueEntryId = business.Id, ItemNames = ["统计月份", "业务类型", "办件量"], PurposeKind = PurposeKind.Commercial,
            Purpose = "开发县域房地产市场监测产品，按月展示不动产登记业务量走势。",
            UseFrom = today, UseUntil = today.AddYears(1),
            SecurityMeasures = "数据存放于等保二级备案的业务系统，专人管理、访问留痕；不与其他数据关联识别个人。",
        }, ct));
        await DecideFlowAsync(RoleHolder(await DepartmentNameAsync(business.ProviderDepartmentId, ct), PortalRoles.DepartmentApprover),
            OpenDataTexts.RequestSubjectType, company, FlowActions.Approve, "同意开放。数据为汇总统计数据，不含个人信息，通过市政务数据开放平台授权开放。", null, ct);

        var companies = await EntryAsync("市场主体登记信息", ct);
        var objection = await AsAsync(Centre, s => s.GetRequiredService<OpenDataService>().SubmitObjectionAsync(new ObjectionInput
        {
            ObjectorKind = FlowPartyKind.Organisation, ObjectorName = "双牌县阳明山茶业有限公司",
            IdentityNumber = DemoSeeder.DemoCreditCode(DepartmentKind.PublicServiceEnterprise, 91), Phone = "0746-7723056",
            CatalogueEntryId = companies.Id, Kind = ObjectionKind.Error,
            Description = "开放数据中本公司登记状态显示为“吊销”，但本公司已于2026年3月依法办理恢复登记，现为“存续”，请予更正。附营业执照复印件。",
        }, ct));
        await DecideFlowAsync(Centre, OpenDataTexts.ObjectionSubjectType, objection, FlowActions.Approve,
            "已对该条开放数据作出异议标注。", null, ct);
        await DecideFlowAsync(Centre, OpenDataTexts.ObjectionSubjectType, objection, FlowActions.Choose,
            "登记状态由县市场监管局登记维护，转交县市场监管局核实更正。", "department", ct);
        return (2, 1);
    }

    private static string CitizenId(string first17) => first17 + CitizenIdNumber.CheckCharacter(first17);

    /// <summary>Submits a catalogued share request as <paramref name="userName"/>; returns its id.</summary>
    private async Task<long> SubmitAsync(string userName, string entryName, string[] items, ShareOperations operations, ShareMethods methods,
        string duty, string scenario, string users, DateOnly endDate, CancellationToken ct)
    {
        var entry = await EntryAsync(entryName, ct);
        var submitted = await AsAsync(userName, s => s.GetRequiredService<ShareRequestService>().SubmitAsync(new ShareRequestDraft
        {
            CatalogueEntryId = entry.Id, ItemNames = items, DutyBasis = duty, Scenario = scenario, Methods = methods,
            Operations = operations, Users = users, EndDate = endDate,
        }, ct));
        return submitted.Id;
    }

    /// <summary>A conditional request through the whole shuangpai review: the centre's and the provider's opinions, then the city's determination.</summary>
    private async Task<long> GrantThroughFlowAsync(string userName, string entryName, string[] items, ShareOperations operations, ShareMethods methods,
        string duty, string scenario, string users, DateOnly endDate, CancellationToken ct, bool signAgreement = true)
    {
        var id = await SubmitAsync(userName, entryName, items, operations, methods, duty, scenario, users, endDate, ct);
        var provider = await ProviderApproverAsync(id, ct);
        await DecideAsync(Centre, id, "approve", "同意。申请部门履职依据充分，信息项符合最小必要原则。", ct);
        await DecideAsync(provider, id, "approve", "同意共享，请严格按申请的用途和使用对象使用，不得向第三方提供。", ct);
        await DecideAsync(City, id, "approve", "经审核，同意共享。请县政务服务中心授予访问权限并签署数据使用协议。", ct);
        // The centre signs the usage agreement (shuangpai Art. 24 ¶1 item 2); one grant is left waiting for it.
        if (signAgreement)
        {
            var grant = await GrantOfAsync(id, ct);
            await AsAsync(Centre, s => s.GetRequiredService<GrantService>().RecordAgreementAsync(grant, $"双数共〔2026〕{grant}号", ct));
        }
        return id;
    }

    private Task DecideAsync(string userName, long requestId, string action, string reason, CancellationToken ct) =>
        AsAsync(userName, s => s.GetRequiredService<ShareRequestService>().DecideAsync(requestId, new ShareRequestDecisionInput(action, reason), ct));

    /// <summary>The user's open task of the subject's running flow, decided through the engine (open-data requests, objections).</summary>
    private async Task DecideFlowAsync(string userName, string subjectType, long subjectId, string action, string comment, string? branch,
        CancellationToken ct)
    {
        await using var scope = await scopes.ScopeAsAsync(userName);
        await using var db = await factory.CreateDbContextAsync(ct);
        var flow = (await scope.ServiceProvider.GetRequiredService<FlowReader>()
                .OfSubjectAsync(db, subjectType, subjectId.ToString(System.Globalization.CultureInfo.InvariantCulture), ct))
            .Single(f => f.Status == FlowStatus.Running);
        var task = flow.OpenStepTasks.First(t => t.MayDecide);
        await scope.ServiceProvider.GetRequiredService<WorkflowEngine>()
            .DecideAsync(new TaskDecision(task.Id, task.Version, action, comment, BranchKey: branch), ct);
    }

    /// <summary>
    /// Uses reported by the requesting department through the service (so each is checked against the grant), then
    /// dated between <paramref name="newestDaysAgo"/> and <paramref name="oldestDaysAgo"/> days ago, more of them recently,
    /// in office hours: the service records "now", and the provider's chart needs months of history.
    /// </summary>
    private async Task RecordUsesAsync(string userName, long requestId, int count, int newestDaysAgo, int oldestDaysAgo, string[] items,
        ShareOperations operation, ShareMethods method, string purpose, CancellationToken ct)
    {
        var grant = await GrantOfAsync(requestId, ct);
        string[] staff = ["李明", "王芳", "张磊", "刘婷", "陈晨"];
        var now = clock.GetUtcNow();
        // One scope for the batch, as one session of the exchange platform reporting with the department's token would be.
        await using var scope = await scopes.ScopeAsAsync(userName);
        var service = scope.ServiceProvider.GetRequiredService<GrantService>();
        await using var db = await factory.CreateDbContextAsync(ct);
        for (var i = 0; i < count; i++)
        {
            var recorded = await service.RecordUseAsync(grant, new RecordGrantUse(
                purpose, staff[i % staff.Length], "部门分管负责人", items, operation, method, i % 4 == 0 ? "政务外网" : null), ct);
            var daysAgo = newestDaysAgo + (int)((oldestDaysAgo - newestDaysAgo) * Math.Pow((i + 0.5) / count, 1.3));
            var day = ChinaTime.DateOf(now).AddDays(-daysAgo);
            var at = ChinaTime.StartOfDay(day).AddHours(9 + i * 5 % 8).AddMinutes(i * 17 % 60);
            // Back-dated: the service has no way to record a past use (see the summary).
            await db.GrantUses.Where(u => u.Id == recorded.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.UsedAt, at), ct);
            uses++;
        }
    }

    /// <summary>
    /// Moves a request made "now" <paramref name="days"/> days into the past: the request, its grant and its flow (start,
    /// tasks, history). Open tasks get their deadline counted again by the engine's <see cref="FlowDeadlines"/> from the
    /// moved arrival, and fresh timers, so an overdue task is overdue by the engine's own rule and its timeout timer fires
    /// in the running portal. Back-dating is the one write outside the services: no service can record the past.
    /// <paramref name="endDate"/> moves the grant's (and request's) end date too, for an expired grant.
    /// </summary>
    private async Task BackdateAsync(long requestId, int days, CancellationToken ct, DateOnly? endDate = null)
    {
        var shift = TimeSpan.FromDays(days);
        await using var db = await factory.CreateDbContextAsync(ct);
        // All of a request's times move together or not at all.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var request = await db.ShareRequests.AsNoTracking().SingleAsync(r => r.Id == requestId, ct);
        await db.ShareRequests.Where(r => r.Id == requestId).ExecuteUpdateAsync(u => u
            .SetProperty(r => r.CreatedAt, r => r.CreatedAt - shift)
            .SetProperty(r => r.DecidedAt, r => r.DecidedAt - shift)
            .SetProperty(r => r.EndDate, r => endDate ?? r.EndDate), ct);
        await db.ShareGrants.Where(g => g.ShareRequestId == requestId).ExecuteUpdateAsync(u => u
            .SetProperty(g => g.CreatedAt, g => g.CreatedAt - shift)
            .SetProperty(g => g.StartDate, g => g.StartDate.AddDays(-days))
            .SetProperty(g => g.EndDate, g => endDate ?? g.EndDate), ct);
        if (request.FlowInstanceId is not { } instance)
        {
            await tx.CommitAsync(ct);
            return;
        }
        await db.FlowInstances.Where(i => i.Id == instance).ExecuteUpdateAsync(u => u
            .SetProperty(i => i.StartedAt, i => i.StartedAt - shift)
            .SetProperty(i => i.EndedAt, i => i.EndedAt - shift), ct);
        await db.FlowEvents.Where(e => e.InstanceId == instance).ExecuteUpdateAsync(u => u
            .SetProperty(e => e.OccurredAt, e => e.OccurredAt - shift), ct);
        var tasks = await db.FlowTasks.Where(t => t.InstanceId == instance).ToListAsync(ct);
        foreach (var task in tasks)
        {
            task.ReceivedAt -= shift;
            task.CompletedAt -= shift;
            task.CountsFrom = task.CountsFrom?.AddDays(-days);
            deadlines.SetDeadline(task);
            if (task.Status != FlowTaskStatus.Open) continue;
            await FlowDeadlines.CancelTimersAsync(db, task, ct);
            deadlines.ScheduleTimers(db, task);
        }
        // What the engine's due notice keeps on the request, moved with its tasks.
        var moved = await db.ShareRequests.SingleAsync(r => r.Id == requestId, ct);
        moved.TrackDue(tasks.Where(t => t.Status == FlowTaskStatus.Open && t.Kind == FlowTaskKind.Step).Min(t => t.DueAt));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    private async Task<long> GrantOfAsync(long requestId, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.ShareRequests.Where(r => r.Id == requestId).Select(r => r.GrantId).SingleAsync(ct)
            ?? throw new InvalidOperationException($"共享申请 {requestId} 未获授权。");
    }

    private async Task<string> ProviderApproverAsync(long requestId, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var provider = await (from r in db.ShareRequests
                              join d in db.Departments on r.ProviderDepartmentId equals d.Id
                              where r.Id == requestId
                              select d.Name).SingleAsync(ct);
        return RoleHolder(provider, PortalRoles.DepartmentApprover);
    }

    private static string RoleHolder(string department, string role) =>
        DemoAccounts.All.First(a => a.Department == department && a.Role == role).UserName;

    private async Task<SharableEntry> EntryAsync(string name, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var id = await db.CatalogueEntries.Where(e => e.Name == name && e.Status == EntryStatus.Published).Select(e => e.Id).FirstAsync(ct);
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ICatalogueSharing>().PublishedAsync(db, id, ct)
            ?? throw new InvalidOperationException($"演示目录“{name}”未发布。");
    }

    private async Task<string> DepartmentNameAsync(int id, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Departments.Where(d => d.Id == id).Select(d => d.Name).SingleAsync(ct);
    }

    private async Task<T> AsAsync<T>(string userName, Func<IServiceProvider, Task<T>> act)
    {
        await using var scope = await scopes.ScopeAsAsync(userName);
        return await act(scope.ServiceProvider);
    }

    private async Task AsAsync(string userName, Func<IServiceProvider, Task> act)
    {
        await using var scope = await scopes.ScopeAsAsync(userName);
        await act(scope.ServiceProvider);
    }
}
