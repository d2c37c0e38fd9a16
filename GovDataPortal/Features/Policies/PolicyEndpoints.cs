using GovDataPortal.Features.Identity;

namespace GovDataPortal.Features.Policies;

/// <summary><c>GET /api/policies</c> and <c>GET /api/policies/{key}</c>: the built-in profiles, readable by any token user.</summary>
public static class PolicyEndpoints
{
    public sealed record PolicySummary(string Key, string Place, string Title, string DocumentNumber, bool Active);

    public sealed record PolicyDetail(string Key, string Place, string Title, string DocumentNumber, bool Active,
        string CountingRule, IReadOnlyList<FlowDto> Flows, IReadOnlyList<AnnualDutyDto> AnnualDuties);

    /// <summary>
    /// <c>externalRequester</c>: citizens and organisations without an account may apply; <c>givenDateName</c>: what the
    /// date given at the start means (for <c>givenDate</c> anchors).
    /// </summary>
    public sealed record FlowDto(string Key, string Name, string Citation, string? Notes, int? ExtensionMaxDays,
        ExtensionDto? Extension, bool ExternalRequester, string? GivenDateName, DirectGrantDto? DirectGrant,
        CoordinationDto? Coordination, ReceiptEffectDto? OnReceipt, UsageAgreementDto? UsageAgreement, IReadOnlyList<StepDto> Steps);

    public sealed record UsageAgreementDto(string Signatory, string Citation);

    public sealed record ExtensionDto(int MaxTotalDays, string ConsentRole, bool NotifyRequester, string Citation);

    public sealed record DirectGrantDto(string Condition, string Citation);

    public sealed record CoordinationDto(string StepKey, string Citation);

    /// <summary><c>kind</c> is a camelCase key (suspendOpening).</summary>
    public sealed record ReceiptEffectDto(string Kind, string Citation);

    /// <summary>
    /// <c>onTimeout</c>, <c>actor</c>, <c>anchor</c> and <c>consensus</c> are camelCase keys; <c>deadline</c> is the line the UI
    /// shows; <c>participants</c> lists every actor, the main one first; <c>routes</c> every way out but return.
    /// </summary>
    public sealed record StepDto(string Key, string Name, string Actor, string Role, string Handler, IReadOnlyList<string> Actions,
        int? Days, string Anchor, string OnTimeout, int? ExtensionMaxDays, string Citation, string? Reading, string Deadline,
        IReadOnlyList<ParticipantDto> Participants, string Consensus, IReadOnlyList<RouteDto> Routes,
        IReadOnlyList<BranchDto> Branches, bool NotifiesRequester);

    public sealed record ParticipantDto(string Actor, string Role, string Handler);

    /// <summary><c>target</c> is a step key or an end (<c>@approved</c>, <c>@rejected</c>); <c>targetName</c> its Chinese name.</summary>
    public sealed record RouteDto(string Label, string Target, string TargetName);

    public sealed record BranchDto(string Key, string Name, string Target);

    public sealed record AnnualDutyDto(string Name, string Due, string Citation);

    /// <summary>Called by <see cref="PolicySetup.MapPolicyEndpoints"/>.</summary>
    public static RouteGroupBuilder Map(RouteGroupBuilder api)
    {
        var policies = api.MapGroup("/policies").WithTags("政策规则");
        policies.MapGet("", (PolicyCatalog catalog) => Results.Ok(catalog.All.Select(p => Summary(catalog, p)).ToList()))
            .WithName("ListPolicies")
            .Produces<List<PolicySummary>>()
            .WithSummary("五地政策规则列表（含当前执行的规则）");
        policies.MapGet("/{key}", (string key, PolicyCatalog catalog) => catalog.Find(key) is { } profile
                ? Results.Ok(Detail(catalog, profile))
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "政策规则不存在。",
                    detail: $"没有键为“{key}”的政策规则，可选：changsha、shuangpai、hubei、longyan、foshan。"))
            .WithName("GetPolicy")
            .Produces<PolicyDetail>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("一地政策规则详情：各流程的步骤、办理人、期限及起算日、去向、逾期处理、延期规则及依据条款");
        policies.MapGet("/{key}/json", (string key, string? version, PolicyProfileAdminService admin) =>
                Json(admin, version ?? key))
            .RequireAuthorization(PortalPolicies.ManagePolicies)
            .WithName("GetPolicyJson")
            .Produces<string>(StatusCodes.Status200OK, "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("下载政策规则（JSON，供系统管理员编辑后上传为自定义规则）；可用 version 参数指定已保存的版本");
        return api;
    }

    /// <summary>The pages' download link (cookie sign-in, 系统管理员 only): <c>GET /policies/json?version=…</c>.</summary>
    public static IEndpointRouteBuilder MapPolicyDownloads(this IEndpointRouteBuilder app)
    {
        app.MapGet(DownloadPath, (string version, PolicyProfileAdminService admin) => Json(admin, version))
            .RequireAuthorization(PortalPolicies.ManagePolicies).ExcludeFromDescription();
        return app;
    }

    public const string DownloadPath = "/policies/json";

    private static IResult Json(PolicyProfileAdminService admin, string versionOrKey)
    {
        var json = admin.DownloadJson(versionOrKey);
        var profile = PolicyProfileJson.Deserialize(json);
        return Results.File(System.Text.Encoding.UTF8.GetBytes(json), "application/json; charset=utf-8",
            PolicyProfileAdminService.FileName(profile));
    }

    private static PolicySummary Summary(PolicyCatalog catalog, PolicyProfile p) =>
        new(p.Key, Regulations.Place(p.Jurisdiction), p.Title, Regulations.Number(p.Jurisdiction),
            p.Jurisdiction == catalog.ActiveJurisdiction);

    private static PolicyDetail Detail(PolicyCatalog catalog, PolicyProfile p) =>
        new(p.Key, Regulations.Place(p.Jurisdiction), p.Title, Regulations.Number(p.Jurisdiction),
            p.Jurisdiction == catalog.ActiveJurisdiction, DeadlineText.CountingRule,
            [.. p.Flows.Select(Flow)],
            [.. AnnualDuties.Of(p.Jurisdiction).Select(d => new AnnualDutyDto(d.Name, d.Due, d.Citation.ToString()))]);

    private static FlowDto Flow(FlowRule f) =>
        new(f.Key, f.Name, f.Citation.ToString(), f.Notes, f.Extension?.MaxTotalDays,
            f.Extension is { } e ? new(e.MaxTotalDays, e.ConsentRole, e.NotifyRequester, e.Citation.ToString()) : null,
            f.ExternalRequester, f.GivenDateName,
            f.DirectGrant is { } g ? new(g.Condition, g.Citation.ToString()) : null,
            f.Coordination is { } c ? new(c.StepKey, c.Citation.ToString()) : null,
            f.OnReceipt is { } r ? new(PolicyTexts.CamelCase(r.Kind), r.Citation.ToString()) : null,
            f.UsageAgreement is { } a ? new(a.Signatory, a.Citation.ToString()) : null,
            [.. f.Steps.Select(s => Step(f, s))]);

    private static StepDto Step(FlowRule f, StepRule s) =>
        new(s.Key, s.Name, PolicyTexts.CamelCase(s.Actor), s.Role, PolicyTexts.Handler(s), Actions(s.Actions), s.Days,
            PolicyTexts.CamelCase(s.Anchor), PolicyTexts.CamelCase(s.OnTimeout),
            s.Actions.HasFlag(StepActions.RequestExtension) ? f.Extension?.MaxTotalDays : null,
            s.Citation.ToString(), s.Reading, DeadlineText.For(f, s),
            [.. s.Participants.Select(p => new ParticipantDto(PolicyTexts.CamelCase(p.Actor), p.Role, PolicyTexts.Participant(p)))],
            PolicyTexts.CamelCase(s.Consensus),
            [.. f.Routes(s).Select(r => new RouteDto(r.Label, r.Target, PolicyTexts.Target(f, r.Target)))],
            [.. s.Branches.Select(b => new BranchDto(b.Key, b.Name, b.Target))],
            s.NotifiesRequester);

    private static IReadOnlyList<string> Actions(StepActions actions) =>
        [.. Enum.GetValues<StepActions>().Where(a => a != StepActions.None && actions.HasFlag(a)).Select(PolicyTexts.CamelCase)];
}
