using GovDataPortal.Infrastructure;

namespace GovDataPortal.Features.Catalogue;

/// <summary>
/// Which departments hold grants (approved shares) on items of an entry: a breaking version (an item removed or its
/// data type changed) is announced to them before it is published (issue 9 §2). Grants come with the sharing feature;
/// until then <see cref="NoCatalogueGrantHolders"/> answers that nobody holds any.
/// </summary>
public interface ICatalogueGrantHolders
{
    /// <summary>Ids of the departments holding a grant on any of <paramref name="itemNames"/> of entry <paramref name="entryId"/>.</summary>
    Task<IReadOnlyList<int>> DepartmentsHoldingAsync(PortalDbContext db, long entryId, IReadOnlyList<string> itemNames, CancellationToken ct);
}

/// <summary>No grants exist yet (the sharing feature registers the real answer).</summary>
internal sealed class NoCatalogueGrantHolders : ICatalogueGrantHolders
{
    public Task<IReadOnlyList<int>> DepartmentsHoldingAsync(PortalDbContext db, long entryId, IReadOnlyList<string> itemNames,
        CancellationToken ct) => Task.FromResult<IReadOnlyList<int>>([]);
}

/// <summary>
/// The review steps are decided on the review page only (<see cref="CatalogueSubmissionHandler.AnsweredOnSubjectPage"/>):
/// the engine refuses 同意/驳回 from the inbox, except while <see cref="CatalogueLifecycleService"/> itself decides,
/// with the batch's versions changed in the same unit of work. Scoped: open only for the service's call in this scope.
/// </summary>
public sealed class CatalogueReviewGate
{
    public bool IsOpen { get; private set; }

    public IDisposable Open()
    {
        IsOpen = true;
        return new Closer(this);
    }

    private sealed class Closer(CatalogueReviewGate gate) : IDisposable
    {
        public void Dispose() => gate.IsOpen = false;
    }
}
