namespace GovDataPortal.Features.Catalogue;

/// <summary>
/// Submission, review, publication, new versions and withdrawal of catalogue entries on the flow engine (issue 9 §2).
/// PLACEHOLDER: the lifecycle helper replaces this file; its signature of SubmitAsync is the contract the editor uses.
/// </summary>
public sealed class CatalogueLifecycleService
{
    /// <summary>Submits the drafts of <paramref name="entryIds"/> (all of the caller's department) as one batch; returns the submission's id.</summary>
    public Task<long> SubmitAsync(IReadOnlyList<long> entryIds, CancellationToken ct = default) =>
        throw new NotImplementedException("目录提交尚未实现。");
}
