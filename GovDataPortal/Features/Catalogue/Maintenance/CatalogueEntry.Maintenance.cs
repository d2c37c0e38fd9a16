using GovDataPortal.Infrastructure;

namespace GovDataPortal.Features.Catalogue;

public partial class CatalogueEntry
{
    /// <summary>
    /// The provider's full review of a published entry (hubei Art. 11: 每年进行不少于一次的全面维护): the date counts
    /// for the calendar year it falls in. Drafts and withdrawn entries are not maintained — there is nothing published to review.
    /// </summary>
    public void MarkReviewed(DateTimeOffset at)
    {
        if (Status != EntryStatus.Published) throw new DomainException($"“{Name}”不是已发布的目录，不能标记为已全面维护。");
        LastFullReviewAt = at;
    }

    /// <summary>Whether the last full review falls in <paramref name="year"/> (Asia/Shanghai calendar).</summary>
    public bool ReviewedIn(int year) => LastFullReviewAt is { } at && ChinaTime.DateOf(at).Year == year;
}
