using System.Diagnostics;
using GovDataPortal.Features.Catalogue;
using GovDataPortal.Features.Catalogue.Excel;
using GovDataPortal.Features.Identity;
using GovDataPortal.Features.Policies;
using GovDataPortal.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace GovDataPortal.Bench;

/// <summary>
/// Issue 9 §4's figures: the dry run of a 5,000-entry / 50,000-item import (target ≤ 10 s), and the export of
/// 100,000 entries with 1,000,000 items (target ≤ 5 s, ≤ 300 MB peak memory). Run in its own process
/// (<c>scripts/bench.sh catalogue-excel</c>) so the peak resident memory is the export's own.
/// </summary>
public static class CatalogueExcelBench
{
    public static async Task RunAsync(IServiceProvider services, string connectionString)
    {
        await DryRunAsync(services);
        await ExportAsync(services, connectionString);
    }

    private static async Task DryRunAsync(IServiceProvider services)
    {
        const int entries = 5_000, itemsPerEntry = 10;
        await using var scope = await Scope.AsAsync(services, "zhangwei");
        var file = await ImportFileAsync(scope.ServiceProvider, entries, itemsPerEntry);
        var import = scope.ServiceProvider.GetRequiredService<CatalogueImportService>();
        await import.DryRunAsync(new MemoryStream(await ImportFileAsync(scope.ServiceProvider, 10, 2))); // warm-up
        var watch = Stopwatch.StartNew();
        var preview = await import.DryRunAsync(new MemoryStream(file));
        watch.Stop();
        Console.WriteLine($"catalogue import dry run: {entries:N0} entries / {entries * itemsPerEntry:N0} items ({file.Length / 1024.0 / 1024.0:N1} MB) " +
            $"in {watch.Elapsed.TotalSeconds:N2} s, {preview.ErrorCount} errors, {preview.BeforeSubmitCount} notes (target ≤ 10 s)");
    }

    /// <summary>A complete file (no rule broken) written in the template's layout.</summary>
    private static async Task<byte[]> ImportFileAsync(IServiceProvider services, int entries, int itemsPerEntry)
    {
        var factory = services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var classes = await db.ResourceClasses.AsNoTracking().Select(c => new { c.Id, c.ParentId, c.Code, c.Name }).ToListAsync();
        var parents = classes.Where(c => c.ParentId != null).Select(c => c.ParentId!.Value).ToHashSet();
        var layout = new CatalogueSheetLayout(new CatalogueChoices(services.GetRequiredService<PolicyCatalog>().ActiveJurisdiction),
            [.. classes.Select(c => new ClassNode(c.Id, c.Code, c.Name, !parents.Contains(c.Id)))]);
        using var output = new MemoryStream();
        using (var book = new CatalogueWorkbookWriter(output, layout, export: false))
        {
            var contents = Enumerable.Range(1, entries).Select(i => Content(i, itemsPerEntry)).ToList();
            for (var i = 0; i < entries; i++) book.WriteEntry(i + 1, contents[i]);
            for (var i = 0; i < entries; i++)
                foreach (var item in contents[i].Items) book.WriteItem(i + 1, item);
        }
        return output.ToArray();
    }

    private static CatalogueContent Content(int i, int items) => new()
    {
        Name = $"基准导入条目{i:00000}人口信息", Summary = $"第{i}个基准条目的摘要：户籍人口的基本信息。", CatalogueType = CatalogueType.Base,
        ResourceClassId = 11, SourceSystem = "人口管理系统", Format = ResourceFormat.Database, FormatDetail = "PostgreSQL",
        DataSubjects = DataSubjects.NaturalPersons, ShareType = ShareType.Conditional, ShareConditionKinds = ShareConditionKinds.ViewOnly,
        ShareMethods = ShareMethods.PlatformApi | ShareMethods.PlatformQueryVerify, ShareOperations = ShareOperations.View,
        ShareBasis = "《中华人民共和国居民身份证法》第十三条", OpenType = OpenType.NotOpen, OpenBasis = "涉及个人信息",
        UpdateCycle = UpdateCycle.Daily, SecurityLevel = SecurityLevel.Sensitive, RecordCount = 100_000 + i,
        Items = [.. Enumerable.Range(0, items).Select(n => new CatalogueItemContent
        {
            Name = n == 0 ? "公民身份号码" : $"信息项{n:00}", DataType = ItemDataType.C, Length = 18 + n,
            Sensitivity = n < 3 ? ItemSensitivity.PersonalInformation : ItemSensitivity.None, Description = $"第{n + 1}个信息项的说明",
        })],
    };

    private static async Task ExportAsync(IServiceProvider services, string cs)
    {
        const int entries = 100_000, itemsPerEntry = 10;
        var generate = Stopwatch.StartNew();
        await GenerateAsync(cs, entries, itemsPerEntry);
        Console.WriteLine($"catalogue export data: {entries:N0} published entries with {entries * itemsPerEntry:N0} items generated in {generate.Elapsed.TotalSeconds:N1} s");

        await using var scope = await Scope.AsAsync(services, "zhangwei");
        var export = scope.ServiceProvider.GetRequiredService<CatalogueExportService>();
        var path = Path.Combine(Path.GetTempPath(), $"gdp-bench-export-{Environment.ProcessId}.xlsx");
        // The first export also compiles its queries and the writer's code; a department's next export is the second figure.
        foreach (var round in new[] { "first", "second" })
        try
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var before = Status("VmRSS");
            ResetPeak();
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var watch = Stopwatch.StartNew();
            long rows;
            await using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
                rows = await export.ExportAsync(new CatalogueFilter(), file);
            watch.Stop();
            var peak = Status("VmHWM");
            var allocatedMb = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1024.0 / 1024.0;
            Console.WriteLine($"catalogue export ({round} in the process): {rows:N0} entries with their items in {watch.Elapsed.TotalSeconds:N2} s, file {new FileInfo(path).Length / 1024.0 / 1024.0:N1} MB; " +
                $"peak resident memory {peak / 1024.0:N0} MB (process before: {before / 1024.0:N0} MB), {allocatedMb:N0} MB allocated (targets ≤ 5 s, ≤ 300 MB)");
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Linux: writing 5 to clear_refs resets the peak resident set size (VmHWM) to the current one.</summary>
    private static void ResetPeak()
    {
        try { File.WriteAllText("/proc/self/clear_refs", "5"); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    /// <summary>A line of /proc/self/status in kB.</summary>
    private static long Status(string key)
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(key + ":", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
    }

    /// <summary>Set-based SQL: published entries of every department, each with its published version 1 and its items.</summary>
    private static async Task GenerateAsync(string cs, int entries, int itemsPerEntry)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"""
            WITH d AS (SELECT array_agg("Id" ORDER BY "Id") AS ids FROM departments)
            INSERT INTO catalogue_entries ("ProviderDepartmentId","ResourceCode","Status","PublishedVersionNumber","LatestVersionNumber",
                "EverSubmitted","CreatedAt","FirstPublishedAt","LastPublishedAt","ShownVersionNumber","Name","Summary","CatalogueType",
                "ResourceClassId","Format","ShareType","OpenType","UpdateCycle","SecurityLevel","ItemCount","ItemNames","NameGrams","TextGrams","UpdatedAt")
            SELECT d.ids[1 + g % array_length(d.ids, 1)], '101000000/' || lpad(g::text, 6, '0'), 'Published', 1, 1, true, now(), now(), now(), 1,
                '基准目录' || g || (ARRAY['户籍人口','法人单位','社会保险','不动产登记','市场主体'])[1 + g % 5] || '信息',
                '第' || g || '个基准目录条目的摘要，用于导出性能测试。', 'Base', 11, 'Database', 'Conditional', 'NotOpen', 'Daily', 'Sensitive',
                {itemsPerEntry}, '', ARRAY[]::text[], ARRAY[]::text[], now()
            FROM generate_series(1, {entries}) g, d;
            INSERT INTO catalogue_versions ("EntryId","Number","Status","Name","Summary","CatalogueType","ResourceClassId","SourceSystem",
                "ReferenceStandard","CollectionBasis","Format","FormatDetail","DataSubjects","ShareType","ShareConditionKinds","ShareConditions",
                "ShareMethods","ShareOperations","ShareBasis","OpenType","OpenBasis","Deidentified","UpdateCycle","SecurityLevel","RelatedCodes",
                "RecordCount","CreatedByUserId","CreatedAt","UpdatedAt","PublishedAt","IsBreakingChange")
            SELECT e."Id", 1, 'Published', e."Name", e."Summary", 'Base', 11, '人口管理系统', 'GB/T 2260', '《户口登记条例》第三条', 'Database',
                'PostgreSQL', 1, 'Conditional', 2, '仅限本部门核验身份使用', 9, 1, '《中华人民共和国居民身份证法》第十三条', 'NotOpen',
                '涉及个人信息', false, 'Daily', 'Sensitive', ARRAY[]::text[], 100000 + e."Id", 'bench', now(), now(), now(), false
            FROM catalogue_entries e WHERE e."ResourceCode" LIKE '101000000/%';
            INSERT INTO catalogue_items ("VersionId","Ordinal","Name","NormalisedName","DataType","Length","Sensitivity","Description")
            SELECT v."Id", n, CASE WHEN n = 1 THEN '公民身份号码' ELSE '信息项' || lpad(n::text, 2, '0') END,
                CASE WHEN n = 1 THEN '公民身份号码' ELSE '信息项' || lpad(n::text, 2, '0') END, 'C', 18 + n,
                CASE WHEN n <= 3 THEN 'PersonalInformation' ELSE 'None' END, '第' || n || '个信息项的说明'
            FROM catalogue_versions v CROSS JOIN generate_series(1, {itemsPerEntry}) n WHERE v."CreatedByUserId" = 'bench';
            ANALYZE catalogue_entries; ANALYZE catalogue_versions; ANALYZE catalogue_items;
            """, conn) { CommandTimeout = 1200 };
        await cmd.ExecuteNonQueryAsync();
    }
}
