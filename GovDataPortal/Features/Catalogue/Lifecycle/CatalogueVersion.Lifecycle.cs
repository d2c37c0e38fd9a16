using GovDataPortal.Infrastructure;

namespace GovDataPortal.Features.Catalogue;

/// <summary>A version's way through review (issue 9 §2: 草稿 → 部门审核 → 主管部门审核 → 已发布).</summary>
public partial class CatalogueVersion
{
    /// <summary>The versions a review may still return or pass.</summary>
    public bool InReview => Status is VersionStatus.DepartmentReview or VersionStatus.AuthorityReview;

    /// <summary>
    /// The department's specialist sends the draft to its 部门审核人 as part of <paramref name="submissionId"/>;
    /// <paramref name="breaking"/> is the comparison with the published version (<see cref="BreakingItems"/>).
    /// </summary>
    internal void Submit(long submissionId, string userId, bool breaking, DateTimeOffset at)
    {
        if (Status != VersionStatus.Draft) throw new DomainException($"第{Number}版不是草稿（{CatalogueTexts.Name(Status)}），不能提交。");
        Status = VersionStatus.DepartmentReview;
        SubmissionId = submissionId;
        SubmittedByUserId = userId;
        SubmittedAt = at;
        IsBreakingChange = breaking;
        UpdatedAt = at;
    }

    /// <summary>The department's review passed: the data authority reviews next.</summary>
    internal void PassDepartmentReview(DateTimeOffset at)
    {
        if (Status != VersionStatus.DepartmentReview) throw new DomainException($"第{Number}版不在部门审核中。");
        Status = VersionStatus.AuthorityReview;
        UpdatedAt = at;
    }

    /// <summary>Returned with comments: a draft again, out of its batch (the comments stay with the version).</summary>
    internal void ReturnToDraft(DateTimeOffset at)
    {
        if (!InReview) throw new DomainException($"第{Number}版不在审核中，不能退回。");
        Status = VersionStatus.Draft;
        SubmissionId = null;
        UpdatedAt = at;
    }

    /// <summary>The data authority's review passed: the version becomes the entry's published one.</summary>
    internal void Publish(DateTimeOffset at)
    {
        if (Status != VersionStatus.AuthorityReview) throw new DomainException($"第{Number}版未经主管部门审核，不能发布。");
        Status = VersionStatus.Published;
        PublishedAt = at;
        UpdatedAt = at;
    }

    /// <summary>A newer version was published; this one stays in the history.</summary>
    internal void Supersede(DateTimeOffset at)
    {
        if (Status != VersionStatus.Published) throw new DomainException($"第{Number}版不是已发布版本。");
        Status = VersionStatus.Superseded;
        UpdatedAt = at;
    }

    /// <summary>A draft its department abandons before anyone else saw it.</summary>
    internal void Discard(DateTimeOffset at)
    {
        if (Status != VersionStatus.Draft) throw new DomainException("只有草稿可以作废。");
        if (SubmittedAt is not null) throw new DomainException("已提交过审核的草稿不能作废，请修改后重新提交。");
        Status = VersionStatus.Discarded;
        UpdatedAt = at;
    }

    /// <summary>The entry was withdrawn while this next version was still a draft.</summary>
    internal void Abandon(DateTimeOffset at)
    {
        if (Status != VersionStatus.Draft) throw new DomainException("只有草稿可以作废。");
        Status = VersionStatus.Discarded;
        UpdatedAt = at;
    }

    /// <summary>
    /// Names of the published version's items this version removes or whose data type it changes — a breaking change
    /// for whoever holds grants on them (issue 9 §2). Items are matched by their normalised name.
    /// </summary>
    public IReadOnlyList<string> BreakingItems(CatalogueVersion published)
    {
        var mine = Items.GroupBy(i => i.NormalisedName).ToDictionary(g => g.Key, g => g.First());
        return [.. published.Items.OrderBy(i => i.Ordinal)
            .Where(old => !mine.TryGetValue(old.NormalisedName, out var now) || now.DataType != old.DataType)
            .Select(old => old.Name)];
    }
}
