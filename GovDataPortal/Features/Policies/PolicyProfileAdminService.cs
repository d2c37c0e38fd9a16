using GovDataPortal.Features.Identity;
using GovDataPortal.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Features.Policies;

/// <summary>One stored version of the deployment's jurisdiction, as the 政策规则 page lists it.</summary>
public sealed record PolicyVersionRow(string Version, string Name, bool BuiltIn, string? BasedOn, string? CreatedBy,
    DateTimeOffset CreatedAt, bool Active);

/// <summary>
/// A 系统管理员 derives a custom profile from a built-in or stored one (download JSON, edit, upload), activates it for the
/// deployment's jurisdiction or goes back to the built-in rules, and confirms an expired regulation still applies
/// (issue 8 item 6). Uploads and activations are audited through their entities (<see cref="PolicyProfileVersion"/>,
/// <see cref="PolicyProfileSetting"/>); an upload that fails validation stores nothing.
/// </summary>
public sealed class PolicyProfileAdminService(
    IDbContextFactory<PortalDbContext> factory,
    CurrentActor actor,
    PolicyCatalog catalog,
    PolicyProfileStore store,
    TimeProvider clock)
{
    public const int MaxFileBytes = 512 * 1024;
    public const string FileField = "file";

    /// <summary>The JSON of a version (built-in or stored), or of the profile in force for a key such as "hubei".</summary>
    public string DownloadJson(string versionOrKey)
    {
        actor.RequireRole(PortalRoles.SystemAdmin);
        var profile = catalog.Find(versionOrKey) ?? catalog.Version(versionOrKey)
            ?? throw new NotFoundException($"没有键或版本为“{versionOrKey}”的政策规则。");
        return PolicyProfileJson.Serialize(profile);
    }

    /// <summary>The file name offered for a download: "政策规则-hubei-builtin-hubei-3fa4c2….json".</summary>
    public static string FileName(PolicyProfile profile) => $"政策规则-{profile.Key}-{profile.Version.Replace(':', '-')}.json";

    /// <summary>Everything wrong with an uploaded file (Chinese), or the profile it holds with its content-based version.</summary>
    public (PolicyProfile? Profile, string? BasedOn, IReadOnlyList<string> Errors) Check(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return (null, null, ["文件为空。"]);
        if (json.Length > MaxFileBytes) return (null, null, [$"文件过大（不能超过{MaxFileBytes / 1024}KB）。"]);
        if (InputText.IsRefused(json)) return (null, null, ["文件" + InputText.RefusedMessage]);
        PolicyProfile uploaded;
        try
        {
            uploaded = PolicyProfileJson.Deserialize(json);
        }
        catch (PolicyProfileJsonException e)
        {
            return (null, null, [e.Message]);
        }
        if (EmptyItems(uploaded) is { Count: > 0 } empty) return (null, null, empty);

        var errors = new List<string>();
        var basedOn = uploaded.Version;
        var origin = catalog.Version(basedOn);
        if (origin is null)
            errors.Add("文件中的 version 字段应保留下载时的值：它标明本规则依据的版本；该值为空或不是已保存的版本。");
        else if (origin.Jurisdiction != uploaded.Jurisdiction)
            errors.Add($"jurisdiction 应为所依据版本的地区“{origin.Key}”（{Regulations.Place(origin.Jurisdiction)}），不能改为“{uploaded.Key}”。");
        errors.AddRange(PolicyProfileValidator.Check(uploaded));
        errors.AddRange(CheckLife(uploaded));
        var profile = uploaded with { Version = PolicyProfileJson.VersionOf(uploaded, builtIn: false) };
        return (errors.Count == 0 ? profile : null, basedOn, errors);
    }

    /// <summary>Validates and stores an uploaded profile; refuses with every reason at once and stores nothing on error.</summary>
    public async Task<PolicyVersionRow> UploadAsync(string? fileName, string? json, CancellationToken ct = default)
    {
        actor.RequireRole(PortalRoles.SystemAdmin);
        var (profile, basedOn, errors) = Check(json);
        if (profile is null) throw Invalid(errors);

        await using var db = await factory.CreateDbContextAsync(ct);
        var hash = PolicyProfileJson.ContentHash(profile);
        var same = catalog.BuiltIns.FirstOrDefault(p => PolicyProfileJson.ContentHash(p) == hash)?.Version
            ?? await db.Set<PolicyProfileVersion>().Where(v => v.ContentHash == hash).Select(v => v.Version).FirstOrDefaultAsync(ct);
        if (same is not null) throw Invalid([$"上传的规则与已有版本“{same}”内容相同，无需重复上传。"]);

        var row = PolicyProfileVersion.Custom(profile, NameOf(fileName), basedOn!, actor.UserId, actor.DisplayName, clock.GetUtcNow());
        db.Add(row);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            throw Invalid([$"上传的规则与已有版本“{profile.Version}”内容相同，无需重复上传。"]);
        }
        catalog.Remember(profile);
        return Row(row, active: false);
    }

    /// <summary>Puts a stored custom version of the deployment's jurisdiction in force; null goes back to the built-in rules.</summary>
    public async Task ActivateAsync(string? version, CancellationToken ct = default)
    {
        actor.RequireRole(PortalRoles.SystemAdmin);
        var jurisdiction = Regulations.Key(catalog.ActiveJurisdiction);
        await using var db = await factory.CreateDbContextAsync(ct);
        if (version is not null && !await db.Set<PolicyProfileVersion>()
                .AnyAsync(v => v.Version == version && !v.BuiltIn && v.Jurisdiction == jurisdiction, ct))
            throw new NotFoundException($"没有本地（{Regulations.Place(catalog.ActiveJurisdiction)}）的自定义规则版本“{version}”。");
        await ChangeSettingAsync(db, s => s.Activate(version, actor.DisplayName, clock.GetUtcNow()), ct);
    }

    /// <summary>已确认继续适用: only while the active regulation is past its term.</summary>
    public async Task ConfirmContinuationAsync(CancellationToken ct = default)
    {
        actor.RequireRole(PortalRoles.SystemAdmin);
        var today = ChinaTime.Today(clock);
        if (!catalog.Active.Regulation.IsExpired(today))
            throw new DomainException("当前执行的办法尚在有效期内，无需确认继续适用。");
        await using var db = await factory.CreateDbContextAsync(ct);
        await ChangeSettingAsync(db, s => s.ConfirmContinuation(actor.DisplayName, clock.GetUtcNow()), ct);
    }

    /// <summary>The deployment's jurisdiction's stored versions, newest first.</summary>
    public async Task<IReadOnlyList<PolicyVersionRow>> VersionsAsync(CancellationToken ct = default)
    {
        actor.RequireRole(PortalRoles.SystemAdmin);
        var jurisdiction = Regulations.Key(catalog.ActiveJurisdiction);
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.Set<PolicyProfileVersion>().AsNoTracking().Where(v => v.Jurisdiction == jurisdiction)
            .OrderByDescending(v => v.CreatedAt).ThenByDescending(v => v.Id).ToListAsync(ct);
        var active = catalog.Active.Version;
        return [.. rows.Select(r => Row(r, r.Version == active))];
    }

    private async Task ChangeSettingAsync(PortalDbContext db, Action<PolicyProfileSetting> change, CancellationToken ct)
    {
        var key = Regulations.Key(catalog.ActiveJurisdiction);
        var setting = await db.Set<PolicyProfileSetting>().FirstOrDefaultAsync(s => s.Jurisdiction == key, ct);
        if (setting is null) db.Add(setting = new PolicyProfileSetting(key));
        change(setting);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (Exception e) when (e is DbUpdateConcurrencyException || (e is DbUpdateException && UniqueViolation.Is(e)))
        {
            throw new ConflictException("政策规则设置刚被他人修改，请刷新后重试。");
        }
        await store.RefreshAsync(ct);
    }

    private static PolicyVersionRow Row(PolicyProfileVersion v, bool active) =>
        new(v.Version, v.Name, v.BuiltIn, v.BasedOnVersion, v.CreatedByName, v.CreatedAt, active);

    private static string NameOf(string? fileName)
    {
        var name = InputText.Normalise(Path.GetFileNameWithoutExtension(fileName ?? ""));
        if (string.IsNullOrEmpty(name) || InputText.IsRefused(name)) return "自定义规则";
        return name.Length > PolicyProfileVersion.NameMaxLength ? name[..PolicyProfileVersion.NameMaxLength] : name;
    }

    private static ValidationFailedException Invalid(IEnumerable<string> errors)
    {
        var list = new ValidationErrors();
        foreach (var e in errors) list.Add(FileField, e);
        return new ValidationFailedException(list);
    }

    // JSON may hold null inside a list ("steps": [null]); the validator expects items.
    private static List<string> EmptyItems(PolicyProfile p)
    {
        var errors = new List<string>();
        if (p.Flows.Any(f => f is null)) errors.Add("flows 中含有空项（null）。");
        foreach (var f in p.Flows.Where(f => f is not null))
        {
            if (f.Steps.Any(s => s is null)) errors.Add($"流程“{f.Key}”的 steps 中含有空项（null）。");
            foreach (var s in f.Steps.Where(s => s is not null))
                if (s.Branches.Any(b => b is null) || s.Also.Any(a => a is null))
                    errors.Add($"流程“{f.Key}”步骤“{s.Key}”的 branches 或 also 中含有空项（null）。");
        }
        var d = p.Duties;
        if (d.DataAdministrators.Concat(d.LogRetention).Concat(d.SeparationOfDuties).Any(c => c is null))
            errors.Add("duties 中含有空项（null）。");
        return errors;
    }

    /// <summary>The regulation's life and the duty citations: every duty keeps a citation, another region's only as 参照.</summary>
    private static IEnumerable<string> CheckLife(PolicyProfile p)
    {
        var place = Regulations.Place(p.Jurisdiction);
        var r = p.Regulation;
        if (string.IsNullOrWhiteSpace(r.Title)) yield return $"{place}：regulation.title（办法名称）不能为空。";
        if (string.IsNullOrWhiteSpace(r.IssuingBody)) yield return $"{place}：regulation.issuingBody（发布机关）不能为空。";
        if (r.ValidYears is < 1 or > 100) yield return $"{place}：regulation.validYears（有效期年数）应为1至100，原文未规定有效期的留空（null）。";
        if (r.Citation.Jurisdiction != p.Jurisdiction || !r.Citation.Article.StartsWith('第') || r.Citation.Reference)
            yield return $"{place}：regulation.citation 应为本办法规定施行日期的条款，如“第四十一条”。";
        foreach (var (name, citations) in new[]
                 {
                     ("数据管理员（dataAdministrators）", p.Duties.DataAdministrators),
                     ("日志保存（logRetention）", p.Duties.LogRetention),
                     ("职责分离（separationOfDuties）", p.Duties.SeparationOfDuties),
                 })
        {
            if (citations.Count == 0) yield return $"{place}：{name}缺少依据条款。";
            foreach (var c in citations)
            {
                if (string.IsNullOrWhiteSpace(c.Article) || !c.Article.StartsWith('第'))
                    yield return $"{place}：{name}的依据条款“{c.Article}”应以“第”开头。";
                if (c.Jurisdiction == p.Jurisdiction && c.Reference)
                    yield return $"{place}：{name}引用本办法条款时不应标为参照（reference）。";
                if (c.Jurisdiction != p.Jurisdiction && !c.Reference)
                    yield return $"{place}：{name}引用{Regulations.Place(c.Jurisdiction)}办法的条款，须标为参照（reference: true）。";
            }
        }
    }
}
