using GovDataPortal.Features.Catalogue;
using GovDataPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GovDataPortal.Tests.Features.Catalogue;

/// <summary>
/// Published entries for tests of the parts that act on them. Publication itself is the lifecycle's (review flow); until
/// its service exists these helpers publish with plain SQL, and tell the <see cref="ICatalogueVersionPublished"/> hooks as
/// the publishing unit of work does.
/// </summary>
public static class PublishedEntries
{
    private static int _sequence;

    public static CatalogueContent Content(string name, params (string Name, ItemDataType Type)[] items) => new()
    {
        Name = name,
        Summary = name + "的测试数据。",
        CatalogueType = CatalogueType.Department,
        ResourceClassId = 11,
        Format = ResourceFormat.Database,
        Items = [.. (items.Length == 0 ? [("名称", ItemDataType.C)] : items).Select(i => new CatalogueItemContent { Name = i.Name, DataType = i.Type, Length = 50 })],
    };

    /// <summary>A published entry of <paramref name="department"/> (version 1, with a code).</summary>
    public static Task<long> PublishedAsync(this PortalFixture portal, string department, string name,
        params (string Name, ItemDataType Type)[] items) => portal.PublishedAsync(department, Content(name, items));

    /// <summary>
    /// A published entry of <paramref name="department"/> holding <paramref name="content"/> (version 1, with a code): the
    /// SQL stands in for the review flow, which other tests cover.
    /// </summary>
    public static async Task<long> PublishedAsync(this PortalFixture portal, string department, CatalogueContent content)
    {
        var departmentId = await portal.DepartmentIdAsync(department);
        await using var db = await portal.DbAsync();
        var entry = CatalogueEntry.Create(departmentId, content, "test-user", portal.Clock.GetUtcNow());
        db.CatalogueEntries.Add(entry);
        await db.SaveChangesAsync();
        var code = $"101000000/{Interlocked.Increment(ref _sequence) + Random.Shared.Next(100000, 800000):D6}";
        var at = portal.Clock.GetUtcNow();
        await db.Database.ExecuteSqlAsync($"""
            UPDATE catalogue_versions SET "Status" = 'Published', "PublishedAt" = {at} WHERE "EntryId" = {entry.Id};
            UPDATE catalogue_entries SET "Status" = 'Published', "PublishedVersionNumber" = 1, "ResourceCode" = {code},
                "FirstPublishedAt" = {at}, "LastPublishedAt" = {at}, "EverSubmitted" = TRUE WHERE "Id" = {entry.Id};
            """);
        return entry.Id;
    }

    /// <summary>
    /// Publishes a new version of the entry as <paramref name="publisher"/> would: the SQL stands in for the lifecycle's
    /// publication, then every registered hook runs in the same unit of work. Returns the new version's id.
    /// </summary>
    public static async Task<long> PublishNewVersionAsync(this PortalFixture portal, long entryId, string publisher = "zhaomin")
    {
        long versionId;
        int number;
        await using (var db = await portal.DbAsync())
        {
            var entry = await db.CatalogueEntries.Include(e => e.Versions).ThenInclude(v => v.Items).SingleAsync(e => e.Id == entryId);
            var next = entry.StartNewVersion("test-user", portal.Clock.GetUtcNow());
            await db.SaveChangesAsync();
            (versionId, number) = (next.Id, next.Number);
        }
        await using var scope = await portal.ScopeAsAsync(publisher);
        await using var work = await scope.Get<IDbContextFactory<GovDataPortal.Infrastructure.PortalDbContext>>().CreateDbContextAsync();
        var at = portal.Clock.GetUtcNow();
        await work.Database.ExecuteSqlAsync($"""
            UPDATE catalogue_versions SET "Status" = 'Superseded' WHERE "EntryId" = {entryId} AND "Number" <> {number};
            UPDATE catalogue_versions SET "Status" = 'Published', "PublishedAt" = {at} WHERE "Id" = {versionId};
            UPDATE catalogue_entries SET "PublishedVersionNumber" = {number}, "LastPublishedAt" = {at} WHERE "Id" = {entryId};
            """);
        var published = await work.CatalogueEntries.Include(e => e.Versions).SingleAsync(e => e.Id == entryId);
        var version = published.Versions.Single(v => v.Id == versionId);
        foreach (var hook in scope.ServiceProvider.GetServices<ICatalogueVersionPublished>())
            await hook.OnPublishedAsync(work, published, version, CancellationToken.None);
        await work.SaveChangesAsync();
        return versionId;
    }
}
