using GovDataPortal.Features.Catalogue;
using GovDataPortal.Features.Demo;
using GovDataPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace GovDataPortal.Tests.Features.Catalogue.Browse;

public enum TestEntryState { Draft, Submitted, Published }

/// <summary>The portal (shuangpai) with helpers that arrange catalogue entries in a given state.</summary>
public class CatalogueBrowseFixture : PortalFixture
{
    private int _codes;

    public virtual string Jurisdiction => "shuangpai";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Portal:Jurisdiction"] = Jurisdiction };

    public static CatalogueContent Content(string name, string? summary = null, params string[] items) => new()
    {
        Name = name,
        Summary = summary,
        CatalogueType = CatalogueType.Department,
        ResourceClassId = 11,
        Format = ResourceFormat.Database,
        ShareType = ShareType.Unconditional,
        OpenType = OpenType.NotOpen,
        UpdateCycle = UpdateCycle.Monthly,
        SecurityLevel = SecurityLevel.Internal,
        Items = [.. items.Select(i => new CatalogueItemContent { Name = i, DataType = ItemDataType.C, Length = 50 })],
    };

    /// <summary>A new entry of <paramref name="department"/> created at <paramref name="minutesAfterStart"/>, then put in <paramref name="state"/>.</summary>
    public async Task<long> AddAsync(string department, CatalogueContent content, TestEntryState state = TestEntryState.Published,
        int minutesAfterStart = 0)
    {
        var departmentId = await this.DepartmentIdAsync(department);
        var entry = CatalogueEntry.Create(departmentId, content, "test-user", Start.AddMinutes(minutesAfterStart));
        await using (var db = await DbAsync())
        {
            db.CatalogueEntries.Add(entry);
            await db.SaveChangesAsync();
        }
        if (state == TestEntryState.Submitted) await TestOnlySubmitAsync(entry.Id);
        if (state == TestEntryState.Published) await TestOnlyPublishAsync(entry.Id);
        return entry.Id;
    }

    public Task<long> AddAsync(string name, TestEntryState state = TestEntryState.Published, string department = DemoAccounts.Police,
        int minutesAfterStart = 0, string? summary = null, params string[] items) =>
        AddAsync(department, Content(name, summary, items), state, minutesAfterStart);

    /// <summary>
    /// TEST-ONLY: marks the entry's latest version submitted (under authority review) by raw SQL. The lifecycle is
    /// another part of the catalogue (written at the same time); these tests are about finding entries in each state.
    /// </summary>
    public async Task TestOnlySubmitAsync(long entryId) => await SqlAsync($"""
        UPDATE catalogue_entries SET "Status" = 'InReview', "EverSubmitted" = true WHERE "Id" = {entryId};
        UPDATE catalogue_versions SET "Status" = 'AuthorityReview', "SubmittedAt" = now() WHERE "EntryId" = {entryId};
        """);

    /// <summary>TEST-ONLY: publishes the entry's latest version with a fresh code by raw SQL (see <see cref="TestOnlySubmitAsync"/>).</summary>
    public async Task<string> TestOnlyPublishAsync(long entryId)
    {
        var code = $"101000000/{Interlocked.Increment(ref _codes):000000}";
        await SqlAsync($"""
            UPDATE catalogue_entries SET "Status" = 'Published', "EverSubmitted" = true, "ResourceCode" = '{code}',
                "PublishedVersionNumber" = "LatestVersionNumber", "FirstPublishedAt" = now(), "LastPublishedAt" = now() WHERE "Id" = {entryId};
            UPDATE catalogue_versions v SET "Status" = 'Published', "PublishedAt" = now()
                FROM catalogue_entries e WHERE e."Id" = v."EntryId" AND e."Id" = {entryId} AND v."Number" = e."LatestVersionNumber";
            """);
        return code;
    }

    public async Task<string> CodeOfAsync(long entryId)
    {
        await using var db = await DbAsync();
        return await db.CatalogueEntries.Where(e => e.Id == entryId).Select(e => e.ResourceCode!).SingleAsync();
    }

    public async Task SqlAsync(string sql)
    {
        await using var conn = new NpgsqlConnection(ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }

    public async Task<CatalogueSearchResult> SearchAsync(string userName, CatalogueFilter filter)
    {
        await using var scope = await ScopeAsAsync(userName);
        return await scope.Get<CatalogueQueryService>().SearchAsync(filter);
    }

    public async Task<CatalogueEntryDetail?> DetailAsync(string userName, long id, int? version = null)
    {
        await using var scope = await ScopeAsAsync(userName);
        return await scope.Get<CatalogueQueryService>().GetAsync(id, version);
    }
}
