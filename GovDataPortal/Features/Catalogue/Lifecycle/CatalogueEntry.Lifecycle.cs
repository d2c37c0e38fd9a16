using GovDataPortal.Infrastructure;

namespace GovDataPortal.Features.Catalogue;

/// <summary>The entry's side of review, publication, withdrawal and discarding (issue 9 §2). Versions must be loaded.</summary>
public partial class CatalogueEntry
{
    /// <summary>The published version, if any.</summary>
    public CatalogueVersion? PublishedVersion =>
        PublishedVersionNumber is { } n ? Versions.Single(v => v.Number == n) : null;

    /// <summary>Its latest version went to review: from now on the data authority sees the entry.</summary>
    internal void Submitted(CatalogueVersion version, DateTimeOffset at)
    {
        if (version.Number != LatestVersionNumber) throw new DomainException($"“{Name}”只能提交最新版本。");
        if (Status == EntryStatus.Withdrawn) throw new DomainException($"“{Name}”已撤销，不能再提交。");
        EverSubmitted = true;
        if (PublishedVersionNumber is null) Status = EntryStatus.InReview;
        UpdatedAt = at;
    }

    /// <summary>Its version under review was returned: an entry never published is a draft again.</summary>
    internal void Returned(DateTimeOffset at)
    {
        if (PublishedVersionNumber is null) Status = EntryStatus.Draft;
        UpdatedAt = at;
    }

    /// <summary>
    /// 信息资源代码 at first publication: "{类项目细目, 9 digits}/{6-digit sequence}", given once and never changed
    /// (the sequence is never reused, <see cref="ResourceCodeSequence"/>).
    /// </summary>
    internal void AssignCode(string code)
    {
        if (ResourceCode is not null) throw new DomainException($"“{Name}”已有信息资源代码 {ResourceCode}，代码不能变更。");
        if (!CatalogueRules.ResourceCodePattern().IsMatch(code)) throw new DomainException($"信息资源代码“{code}”格式不正确。");
        ResourceCode = code;
    }

    /// <summary>
    /// Publishes <paramref name="version"/> (passed by the data authority): the previous published version is kept as
    /// history, the list shows the new one. The code must have been assigned (<see cref="AssignCode"/>).
    /// </summary>
    internal void Publish(CatalogueVersion version, DateTimeOffset at)
    {
        if (ResourceCode is null) throw new DomainException($"“{Name}”尚无信息资源代码，不能发布。");
        if (version.Number != LatestVersionNumber) throw new DomainException($"“{Name}”只能发布最新版本。");
        if (Status == EntryStatus.Withdrawn) throw new DomainException($"“{Name}”已撤销，不能发布。");
        PublishedVersion?.Supersede(at);
        version.Publish(at);
        Show(version, at);
        PublishedVersionNumber = version.Number;
        FirstPublishedAt ??= at;
        LastPublishedAt = at;
        Status = EntryStatus.Published;
    }

    /// <summary>
    /// 撤销, once the data authority agreed: the entry stays listed as withdrawn (it is shown that the data existed) and
    /// its code is never given again; a draft of a next version is abandoned with it.
    /// </summary>
    internal void Withdraw(string? reason, DateTimeOffset at)
    {
        if (Status != EntryStatus.Published) throw new DomainException($"只有已发布的目录条目可以撤销，“{Name}”当前为{CatalogueTexts.Name(Status)}。");
        new ValidationErrors().Require("reason", reason, "撤销理由", CatalogueRules.BasisMaxLength).ThrowIfInvalid();
        var latest = LatestVersion;
        if (latest.InReview) throw new DomainException($"“{Name}”的第{latest.Number}版正在审核中，不能撤销。");
        if (latest.Status == VersionStatus.Draft) latest.Abandon(at);
        Status = EntryStatus.Withdrawn;
        WithdrawnAt = at;
        WithdrawalReason = InputText.Normalise(reason);
        UpdatedAt = at;
    }

    /// <summary>
    /// Its department abandons the draft of a next version that was never submitted; the published version stays.
    /// (An entry never submitted at all is deleted instead: nobody outside the department ever saw it.)
    /// </summary>
    internal void DiscardDraft(DateTimeOffset at)
    {
        var latest = LatestVersion;
        if (PublishedVersionNumber is null) throw new DomainException($"“{Name}”尚未发布，请直接删除草稿。");
        latest.Discard(at);
        UpdatedAt = at;
    }

    /// <summary>Whether the department may delete the whole entry: nothing of it ever left the department.</summary>
    public bool MayBeDeletedAsDraft => !EverSubmitted && PublishedVersionNumber is null && ResourceCode is null && Status == EntryStatus.Draft;
}
