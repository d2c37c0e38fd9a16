using GovDataPortal.Features.Catalogue;
using GovDataPortal.Features.Identity;
using GovDataPortal.Features.Organisation;
using GovDataPortal.Features.Policies;
using GovDataPortal.Features.Workflow;
using GovDataPortal.Infrastructure;
using Microsoft.EntityFrameworkCore;
using F = GovDataPortal.Features.OpenData.OpenDataFields;

namespace GovDataPortal.Features.OpenData;

/// <summary>
/// Open data (issue 10 §2): conditional-open applications and data-subject objections from parties without accounts.
/// Staff of the providing department or of the data authority enter them (or the API receives them, acting as the
/// token's user); the subject and its flow are saved in one transaction. Deadlines and routes come from the active
/// profile only. One context per call.
/// </summary>
public sealed class OpenDataService(
    IDbContextFactory<PortalDbContext> factory,
    CurrentActor actor,
    TimeProvider clock,
    WorkflowEngine engine,
    FlowReader flows,
    ICatalogueSharing sharing,
    ICatalogueOpening opening,
    FlowParties parties)
{
    /// <summary>Longyan Art. 17 ¶2: only these may apply for authorised opening.</summary>
    public const string LongyanApplicantRefusal =
        "根据《龙岩市政务数据管理办法（试行）》第十七条第二款，授权开放类数据仅限内资控股法人企业、高校或者科研院所申请。";

    /// <summary>Longyan Art. 18 ¶3: universities and research institutes use the data for research and teaching only.</summary>
    public const string LongyanPurposeRefusal =
        "根据《龙岩市政务数据管理办法（试行）》第十八条第三款，高校或者科研院所获得的数据只能用于科研教育等公益性活动，用途类别须为科研或教学。";

    /// <summary>Foshan Art. 36 (二): the applicant signs the 数据开放利用承诺书 before data is opened to it.</summary>
    public const string CommitmentMissing =
        "根据《佛山市政务数据资源管理办法（试行）》第三十六条第（二）项，申请人须签订数据开放利用承诺书；请先登记承诺书的签署情况，再同意开放。";

    /// <summary>Whether <paramref name="rule"/>'s regulation makes the signed commitment letter a condition of approval.</summary>
    public static bool CommitmentRequired(FlowRule rule) => rule.Citation.Jurisdiction == Jurisdiction.Foshan;

    public bool CommitmentRequiredNow => CommitmentRequired(engine.Flow(FlowKeys.ConditionalOpen));

    /// <summary>The active regulation's objection flow (every built-in has one).</summary>
    public FlowRule ObjectionFlow => engine.Flow(FlowKeys.DataSubjectObjection);

    public FlowRule OpenFlow => engine.Flow(FlowKeys.ConditionalOpen);

    /// <summary>Staff who receive applications and objections: provider staff and the data authority's reviewers.</summary>
    public bool CanReceive => actor.IsAuthenticated && actor.DepartmentId is not null
        && (actor.IsInRole(PortalRoles.DataSpecialist) || actor.IsInRole(PortalRoles.DepartmentApprover) || actor.IsInRole(PortalRoles.AuthorityReviewer));

    public async Task<long> SubmitRequestAsync(OpenRequestInput input, CancellationToken ct = default)
    {
        var (department, flow) = (RequireReceiver(), OpenFlow);
        await using var db = await factory.CreateDbContextAsync(ct);
        var errors = new ValidationErrors();
        var party = CheckParty(flow, input.ApplicantKind, input.ApplicantName, input.IdentityNumber, input.Phone, input.Email, input.Address, errors);
        if (input.ApplicantKind == FlowPartyKind.Organisation && input.OrganisationType is null)
            errors.Add(F.OrganisationType, "请选择申请单位类型。");
        if (input.PurposeKind is null) errors.Add(F.PurposeKind, "请选择用途类别。");
        errors.Require(F.Purpose, input.Purpose, "数据用途", OpenDataRequest.TextMaxLength);
        errors.Require(F.SecurityMeasures, input.SecurityMeasures, "安全保障措施", OpenDataRequest.TextMaxLength);
        var today = ChinaTime.Today(clock);
        if (input.UseFrom is not { } from) errors.Add(F.UseFrom, "请填写使用起始日期。");
        else if (from < today) errors.Add(F.UseFrom, "使用起始日期不能早于今天。");
        if (input.UseUntil is not { } until) errors.Add(F.UseUntil, "请填写使用截止日期。");
        else if (input.UseFrom is { } f && until <= f) errors.Add(F.UseUntil, "使用截止日期应晚于起始日期。");
        else if (until > today.AddYears(5)) errors.Add(F.UseUntil, "使用期限不能超过5年。");
        if (flow.Citation.Jurisdiction == Jurisdiction.Longyan) CheckLongyanEligibility(input, errors);
        var entry = await PickAsync(db, input.CatalogueEntryId, department, requireConditionalOpen: true, errors, ct);
        var items = (input.ItemNames ?? []).Select(InputText.Normalise).OfType<string>().Distinct().ToList();
        if (entry is not null)
        {
            if (items.Count == 0) errors.Add(F.ItemNames, "请至少选择一个所需的信息项。");
            foreach (var missing in items.Where(i => !entry.Items.Contains(i))) errors.Add(F.ItemNames, $"信息项“{missing}”不在所选目录中。");
        }
        errors.ThrowIfInvalid();

        var request = OpenDataRequest.Create(party!, input.OrganisationType, input, entry!, items, department, actor.UserId!, clock.GetUtcNow());
        await SaveWithFlowAsync(db, request, () => new StartFlow(FlowKeys.ConditionalOpen, OpenDataTexts.RequestSubjectType, Key(request.Id),
            $"开放申请：{request.ResourceName}（{request.ApplicantName}）", request.ProviderDepartmentId, department,
            RequesterParty: request.Party), request.AttachFlow, ct);
        return request.Id;
    }

    /// <summary>Longyan Art. 17 ¶2 (who may apply) and Art. 18 ¶3 (what universities and institutes may use it for).</summary>
    private static void CheckLongyanEligibility(OpenRequestInput input, ValidationErrors errors)
    {
        if (input.ApplicantKind != FlowPartyKind.Organisation || input.OrganisationType is null or OrganisationType.Other)
        {
            errors.Add(F.OrganisationType, LongyanApplicantRefusal);
            return;
        }
        if (input.OrganisationType is OrganisationType.University or OrganisationType.ResearchInstitute
            && input.PurposeKind is not (PurposeKind.Research or PurposeKind.Teaching))
            errors.Add(F.PurposeKind, LongyanPurposeRefusal);
    }

    /// <summary>Records the signed commitment letter (foshan Art. 36 (二)); provider staff and the authority's reviewers.</summary>
    public async Task RecordCommitmentAsync(long id, CommitmentInput input, CancellationToken ct = default)
    {
        RequireReceiver();
        await using var db = await factory.CreateDbContextAsync(ct);
        var request = await db.Set<OpenDataRequest>().FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw new NotFoundException(OpenDataTexts.RequestNotFound);
        await RequireSeeAsync(db, request.ProviderDepartmentId, request.ReceivedByDepartmentId, OpenDataTexts.OtherDepartmentRequest, ct);
        request.RecordCommitment(input.SignedOn, input.SignedBy, actor.UserId!, clock.GetUtcNow(), ChinaTime.Today(clock));
        await SaveAsync(db, ct);
    }

    public async Task<long> SubmitObjectionAsync(ObjectionInput input, CancellationToken ct = default)
    {
        var (department, flow) = (RequireReceiver(), ObjectionFlow);
        await using var db = await factory.CreateDbContextAsync(ct);
        var errors = new ValidationErrors();
        var party = CheckParty(flow, input.ObjectorKind, input.ObjectorName, input.IdentityNumber, input.Phone, input.Email, input.Address, errors);
        if (input.Kind is null || !Enum.IsDefined(input.Kind.Value)) errors.Add(F.Kind, "请选择异议类型（错误、侵犯商业秘密或侵犯个人隐私）。");
        errors.Require(F.Description, input.Description, "异议内容", DataObjection.DescriptionMaxLength);
        var entry = await PickAsync(db, input.CatalogueEntryId, department, requireConditionalOpen: false, errors, ct);
        errors.ThrowIfInvalid();

        var objection = DataObjection.Create(party!, entry!, input.Kind!.Value, InputText.Normalise(input.Description)!, department,
            actor.UserId!, clock.GetUtcNow());
        // One transaction: the objection, its flow and (hubei Art. 28) the suspension of the entry's opening.
        await SaveWithFlowAsync(db, objection, () => new StartFlow(FlowKeys.DataSubjectObjection, OpenDataTexts.ObjectionSubjectType,
            Key(objection.Id), $"数据异议：{objection.ResourceName}（{OpenDataTexts.Name(objection.Kind)}）", objection.ProviderDepartmentId,
            department, RequesterParty: objection.Party), objection.AttachFlow, ct);
        return objection.Id;
    }

    /// <summary>
    /// The record and its flow in one transaction: saved first, because the flow names the record's id; the flow's
    /// hooks run in the same unit of work; then the record learns its flow.
    /// </summary>
    private async Task SaveWithFlowAsync(PortalDbContext db, object record, Func<StartFlow> start, Action<long> attachFlow, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Add(record);
        await db.SaveChangesAsync(ct);
        var instance = await engine.StartAsync(db, start(), ct);
        await db.SaveChangesAsync(ct);
        attachFlow(instance.Id);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    public async Task<IReadOnlyList<OpenRequestRow>> RequestsAsync(CancellationToken ct = default)
    {
        var (mine, region) = await ScopeAsync(ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Set<OpenDataRequest>().AsNoTracking()
            .Where(r => r.ProviderDepartmentId == mine || r.ReceivedByDepartmentId == mine || region.Contains(r.ProviderDepartmentId))
            .OrderByDescending(r => r.Id).Take(200).ToListAsync(ct) is var rows
            ? [.. rows.Select(r => new OpenRequestRow(r.Id, r.ApplicantName, r.ResourceName, OpenDataTexts.Name(r.Status), r.CreatedAt, r.CommitmentSigned))]
            : [];
    }

    public async Task<IReadOnlyList<ObjectionRow>> ObjectionsAsync(CancellationToken ct = default)
    {
        var (mine, region) = await ScopeAsync(ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.Set<DataObjection>().AsNoTracking()
            .Where(o => o.ProviderDepartmentId == mine || o.ReceivedByDepartmentId == mine || region.Contains(o.ProviderDepartmentId))
            .OrderByDescending(o => o.Id).Take(200).ToListAsync(ct);
        return [.. rows.Select(o => new ObjectionRow(o.Id, o.ObjectorName, o.ResourceName, OpenDataTexts.Name(o.Kind), OpenDataTexts.Name(o.Status), o.CreatedAt))];
    }

    public async Task<OpenRequestDetail?> RequestAsync(long id, CancellationToken ct = default)
    {
        actor.RequireSignedIn();
        await using var db = await factory.CreateDbContextAsync(ct);
        var request = await db.Set<OpenDataRequest>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (request is null) return null;
        await RequireSeeAsync(db, request.ProviderDepartmentId, request.ReceivedByDepartmentId, OpenDataTexts.OtherDepartmentRequest, ct);
        var flow = request.FlowInstanceId is { } f ? await flows.InstanceAsync(db, f, ct) : null;
        return new OpenRequestDetail(request, await DepartmentNameAsync(db, request.ProviderDepartmentId, ct), flow,
            CommitmentRequired(flow?.Rule ?? OpenFlow));
    }

    public async Task<ObjectionDetail?> ObjectionAsync(long id, CancellationToken ct = default)
    {
        actor.RequireSignedIn();
        await using var db = await factory.CreateDbContextAsync(ct);
        var objection = await db.Set<DataObjection>().AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, ct);
        if (objection is null) return null;
        await RequireSeeAsync(db, objection.ProviderDepartmentId, objection.ReceivedByDepartmentId, OpenDataTexts.OtherDepartmentObjection, ct);
        var flow = objection.FlowInstanceId is { } f ? await flows.InstanceAsync(db, f, ct) : null;
        var entry = await opening.OpenableAsync(db, objection.CatalogueEntryId, ct);
        return new ObjectionDetail(objection, await DepartmentNameAsync(db, objection.ProviderDepartmentId, ct), flow, entry?.Hold is not null);
    }

    /// <summary>Published entries to pick from, by name or code: conditionally open ones for an application.</summary>
    public async Task<IReadOnlyList<OpenEntryChoice>> EntryChoicesAsync(string? keyword, bool conditionalOpenOnly, CancellationToken ct = default)
    {
        actor.RequireSignedIn();
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = db.CatalogueEntries.AsNoTracking().Where(e => e.Status == EntryStatus.Published && e.ResourceCode != null);
        if (conditionalOpenOnly) q = q.Where(e => e.OpenType == OpenType.Conditional);
        if (InputText.NullIfBlank(keyword) is { } k) q = q.Where(e => e.Name.Contains(k) || e.ResourceCode!.StartsWith(k));
        var ids = await q.OrderBy(e => e.Name).Take(30).Select(e => e.Id).ToListAsync(ct);
        var result = new List<OpenEntryChoice>();
        foreach (var id in ids)
            if (await sharing.PublishedAsync(db, id, ct) is { } e) result.Add(new(e.Id, e.ResourceCode, e.Name, e.ProviderDepartmentId, e.ItemNames));
        return result;
    }

    /// <summary>
    /// The entry through the catalogue's contracts: published (sharing contract, with the published items) and, for an
    /// application, conditionally open (opening contract). Staff of a department receive only for their own entries;
    /// the authority's reviewers for the departments of their region.
    /// </summary>
    private async Task<OpenEntryChoice?> PickAsync(PortalDbContext db, long? entryId, int department, bool requireConditionalOpen,
        ValidationErrors errors, CancellationToken ct)
    {
        if (entryId is not { } id)
        {
            errors.Add(F.CatalogueEntryId, "请选择已发布的目录条目。");
            return null;
        }
        if (await sharing.PublishedAsync(db, id, ct) is not { } entry)
        {
            errors.Add(F.CatalogueEntryId, "所选目录条目不存在或未发布。");
            return null;
        }
        if (requireConditionalOpen && (await opening.OpenableAsync(db, id, ct))?.OpenType != OpenType.Conditional)
        {
            errors.Add(F.CatalogueEntryId, "所选目录条目不属于有条件开放类，不需要（也不能）申请有条件开放。");
            return null;
        }
        if (entry.ProviderDepartmentId != department && !(actor.IsInRole(PortalRoles.AuthorityReviewer)
            && await DataAuthorities.OfDepartmentAsync(db, entry.ProviderDepartmentId, ct) == department))
            throw new AccessDeniedException("只有数据提供部门或其数据主管部门的工作人员可以受理该目录的申请或异议。");
        return new OpenEntryChoice(entry.Id, entry.ResourceCode, entry.Name, entry.ProviderDepartmentId, entry.ItemNames);
    }

    private FlowParty? CheckParty(FlowRule flow, FlowPartyKind? kind, string? name, string? number, string? phone, string? email,
        string? address, ValidationErrors errors)
    {
        if (kind is null || !Enum.IsDefined(kind.Value))
        {
            errors.Add(F.ApplicantKind, "请选择申请人类型（公民或法人、其他组织）。");
            return null;
        }
        try
        {
            return parties.Check(flow, new FlowParty
            {
                Kind = kind.Value, Name = name ?? "", IdentityNumber = number ?? "", Phone = phone, Email = email, Address = address,
            });
        }
        catch (ValidationFailedException e)
        {
            foreach (var (field, messages) in e.Errors.ByField)
                foreach (var m in messages) errors.Add(field.Replace("requesterParty.", "", StringComparison.Ordinal), m);
            return null;
        }
    }

    private int RequireReceiver()
    {
        actor.RequireRole(PortalRoles.DataSpecialist, PortalRoles.DepartmentApprover, PortalRoles.AuthorityReviewer);
        return actor.DepartmentId ?? throw new AccessDeniedException("您的账户未归属任何部门，不能受理申请。");
    }

    private async Task<(int Mine, List<int> Region)> ScopeAsync(CancellationToken ct)
    {
        actor.RequireSignedIn();
        var mine = actor.DepartmentId ?? throw new AccessDeniedException("您的账户未归属任何部门。");
        if (!actor.IsInRole(PortalRoles.AuthorityReviewer)) return (mine, []);
        await using var db = await factory.CreateDbContextAsync(ct);
        return (mine, await DataAuthorities.SupervisedByAsync(db, mine, ct));
    }

    /// <summary>Another department's record is refused (403), as share requests and grants are; a missing one is not found.</summary>
    private async Task RequireSeeAsync(PortalDbContext db, int provider, int receivedBy, string refusal, CancellationToken ct)
    {
        if (!await CanSeeAsync(db, provider, receivedBy, ct)) throw new AccessDeniedException(refusal);
    }

    private async Task<bool> CanSeeAsync(PortalDbContext db, int provider, int receivedBy, CancellationToken ct)
    {
        if (!actor.IsAuthenticated || actor.DepartmentId is not { } mine) return false;
        if (mine == provider || mine == receivedBy) return true;
        return actor.IsInRole(PortalRoles.AuthorityReviewer) && await DataAuthorities.OfDepartmentAsync(db, provider, ct) == mine;
    }

    private static async Task<string> DepartmentNameAsync(PortalDbContext db, int id, CancellationToken ct) =>
        await db.Departments.AsNoTracking().Where(d => d.Id == id).Select(d => d.Name).FirstOrDefaultAsync(ct) ?? "";

    private static async Task SaveAsync(PortalDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException(OpenDataTexts.ChangedMessage);
        }
    }

    private static string Key(long id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
