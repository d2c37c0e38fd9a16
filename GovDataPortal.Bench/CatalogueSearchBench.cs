using System.Diagnostics;
using GovDataPortal.Features.Catalogue;
using GovDataPortal.Features.Identity;
using GovDataPortal.Features.Organisation;
using GovDataPortal.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace GovDataPortal.Bench;

/// <summary>
/// The catalogue search over 100,000 entries with 1,000,000 items (issue 9, Benchmarks): p50/p95 of
/// CatalogueQueryService.SearchAsync (first page of 20 with the total) for a two- and a four-character keyword with two
/// filters, and of the equivalent hand-written SQL (one round trip, the viewer known), with their ratio.
/// Targets: p95 ≤ 50 ms, ratio ≤ 1.5.
/// </summary>
public static class CatalogueSearchBench
{
    private const int Entries = 100_000, ItemsPerEntry = 10, Runs = 200, WarmUp = 20;
    private const string Viewer = "zhangwei"; // 双牌县公安局's 数据专管员: sees every published entry and its own drafts

    public static async Task RunAsync(IServiceProvider services, string cs)
    {
        var watch = Stopwatch.StartNew();
        await GenerateAsync(cs);
        Console.WriteLine($"catalogue data: {Entries:N0} entries with {Entries * ItemsPerEntry:N0} items generated and analysed in {watch.Elapsed.TotalSeconds:N1} s");

        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = await users.FindByNameAsync(Viewer);
        var principal = await scope.ServiceProvider.GetRequiredService<SignInManager<PortalUser>>().CreateUserPrincipalAsync(user!);
        scope.ServiceProvider.GetRequiredService<CurrentActor>().Set(principal, "127.0.0.1");
        var catalogue = scope.ServiceProvider.GetRequiredService<CatalogueQueryService>();
        CatalogueViewer viewer;
        await using (var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
            viewer = await scope.ServiceProvider.GetRequiredService<CatalogueAccess>().ViewerAsync(db);

        foreach (var (keyword, label) in new[] { ("人口", "two-character keyword 人口"), ("养老保险", "four-character keyword 养老保险"), ("婚", "one-character keyword 婚 (for information)") })
        {
            var filter = new CatalogueFilter { Keyword = keyword, ShareType = ShareType.Conditional, OpenType = OpenType.NotOpen };
            var first = await catalogue.SearchAsync(filter);
            var service = await TimeAsync(() => catalogue.SearchAsync(filter));
            await using var conn = new NpgsqlConnection(cs);
            await conn.OpenAsync();
            var bareTotal = await BareAsync(conn, viewer, filter);
            var bare = await TimeAsync(() => BareAsync(conn, viewer, filter));
            Console.WriteLine($"catalogue search, {label} + shareType + openType (total {first.Total:N0}, bare SQL total {bareTotal:N0}): " +
                $"service p50 {service.P50:N1} ms, p95 {service.P95:N1} ms; bare SQL p50 {bare.P50:N1} ms, p95 {bare.P95:N1} ms; " +
                $"ratio p95 {service.P95 / bare.P95:N2} (targets p95 ≤ 50 ms, ratio ≤ 1.5)");
            if (keyword == "人口") await PrintPlanAsync(conn, viewer, filter);
        }
    }

    private static async Task<(double P50, double P95)> TimeAsync<T>(Func<Task<T>> run)
    {
        for (var i = 0; i < WarmUp; i++) await run();
        var times = new List<double>(Runs);
        for (var i = 0; i < Runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await run();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return (times[Runs / 2], times[(int)(Runs * 0.95)]);
    }

    // The same question in hand-written SQL: count and first page in one round trip.
    private const string Where = """
        (e."Status" IN ('Published', 'Withdrawn') OR e."ProviderDepartmentId" = $1 OR (e."EverSubmitted" AND e."ProviderDepartmentId" = ANY($2)))
        AND e."TextGrams" @> $3
        AND NOT EXISTS (SELECT FROM unnest($4) AS t(term)
                        WHERE strpos(lower(normalize(e."Name", NFKC)), t.term) = 0
                          AND strpos(lower(normalize(coalesce(e."Summary", ''), NFKC)), t.term) = 0
                          AND strpos(lower(normalize(e."ItemNames", NFKC)), t.term) = 0)
        AND e."ShareType" = $5 AND e."OpenType" = $6
        """;

    private static async Task<int> BareAsync(NpgsqlConnection conn, CatalogueViewer viewer, CatalogueFilter f)
    {
        await using var batch = new NpgsqlBatch(conn);
        var count = new NpgsqlBatchCommand($"SELECT count(*) FROM catalogue_entries e WHERE {Where}");
        var page = new NpgsqlBatchCommand($"""
            SELECT e."Id", e."ResourceCode", e."Name", e."Summary", e."ProviderDepartmentId", d."Name", e."ResourceClassId", c."Code", c."Name",
                   e."CatalogueType", e."Format", e."ShareType", e."OpenType", e."UpdateCycle", e."SecurityLevel", e."Status", e."ItemCount", e."UpdatedAt"
            FROM catalogue_entries e JOIN departments d ON d."Id" = e."ProviderDepartmentId"
                 LEFT JOIN resource_classes c ON c."Id" = e."ResourceClassId"
            WHERE {Where}
            ORDER BY e."NameGrams" @> $3 DESC, e."UpdatedAt" DESC, e."Id" DESC LIMIT 20
            """);
        foreach (var command in new[] { count, page }) AddParameters(command.Parameters, viewer, f);
        batch.BatchCommands.Add(count);
        batch.BatchCommands.Add(page);
        await using var reader = await batch.ExecuteReaderAsync();
        await reader.ReadAsync();
        var total = (int)reader.GetInt64(0);
        await reader.NextResultAsync();
        while (await reader.ReadAsync()) _ = reader.GetString(2);
        return total;
    }

    private static void AddParameters(NpgsqlParameterCollection p, CatalogueViewer viewer, CatalogueFilter f)
    {
        var needle = CatalogueSearchText.Needle(f.Keyword);
        p.Add(new NpgsqlParameter<int> { TypedValue = viewer.DepartmentId ?? -1 });
        p.Add(new NpgsqlParameter<int[]> { TypedValue = [.. viewer.SupervisedDepartmentIds] });
        p.Add(new NpgsqlParameter<string[]> { TypedValue = CatalogueSearchText.KeywordGrams(needle) });
        p.Add(new NpgsqlParameter<string[]> { TypedValue = needle.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries) });
        p.Add(new NpgsqlParameter<string> { TypedValue = f.ShareType!.Value.ToString() });
        p.Add(new NpgsqlParameter<string> { TypedValue = f.OpenType!.Value.ToString() });
    }

    private static async Task PrintPlanAsync(NpgsqlConnection conn, CatalogueViewer viewer, CatalogueFilter f)
    {
        await using var cmd = new NpgsqlCommand($"EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) SELECT count(*) FROM catalogue_entries e WHERE {Where}", conn);
        AddParameters(cmd.Parameters, viewer, f);
        await using var reader = await cmd.ExecuteReaderAsync();
        Console.WriteLine("  plan of the count for 人口:");
        while (await reader.ReadAsync()) Console.WriteLine("    " + reader.GetString(0));
    }

    // ---- data ----

    private static readonly string[] Subjects =
    [
        "户籍人口", "流动人口", "常住人口", "居民身份证", "出生医学证明", "婚姻登记", "收养登记", "市场主体", "企业年度报告", "个体工商户",
        "食品经营许可", "药品经营许可", "社会保险参保", "社会保障卡", "养老保险", "医疗保险", "失业保险", "工伤保险", "住房公积金",
        "不动产登记", "土地使用权", "建设工程规划许可", "商品房预售", "税务登记", "纳税信用", "道路运输许可", "机动车驾驶人", "机动车登记",
        "学生学籍", "教师资格", "最低生活保障", "特困人员供养", "残疾人", "退役军人", "殡葬服务", "医疗机构执业", "执业医师", "预防接种",
        "传染病报告", "环境质量监测", "排污许可", "安全生产许可", "危险化学品", "森林资源", "水资源取水许可", "农村土地承包", "耕地地力保护补贴",
        "行政处罚", "行政许可", "公共信用评价", "法律援助", "公证", "旅游景区", "文物保护单位", "供电用户", "供水用户", "统计调查单位",
        "建筑业企业资质", "城乡居民医保缴费", "就业登记",
    ];

    private static readonly string[] Aspects =
    [
        "基本信息", "登记信息", "变更信息", "注销信息", "统计信息", "明细信息", "办理信息", "许可信息", "年度报告信息", "缴费信息",
        "待遇发放信息", "核验信息", "台账", "名录", "监测数据",
    ];

    private static readonly string[] Places = ["", "", "", "全县", "城区", "乡镇", "江村镇", "五里牌镇", "何家洞镇", "泷泊镇"];

    private static readonly (string Name, ItemDataType Type, int? Length, ItemSensitivity Sensitivity)[] ItemPool =
    [
        ("姓名", ItemDataType.C, 50, ItemSensitivity.PersonalInformation), ("性别", ItemDataType.C, 2, ItemSensitivity.None),
        ("民族", ItemDataType.C, 20, ItemSensitivity.None), ("出生日期", ItemDataType.D, null, ItemSensitivity.PersonalInformation),
        ("公民身份号码", ItemDataType.C, 18, ItemSensitivity.PersonalInformation), ("户籍地址", ItemDataType.C, 200, ItemSensitivity.PersonalInformation),
        ("现住址", ItemDataType.C, 200, ItemSensitivity.PersonalInformation), ("联系电话", ItemDataType.C, 20, ItemSensitivity.PersonalInformation),
        ("统一社会信用代码", ItemDataType.C, 18, ItemSensitivity.None), ("企业名称", ItemDataType.C, 200, ItemSensitivity.None),
        ("法定代表人", ItemDataType.C, 50, ItemSensitivity.None), ("注册资本", ItemDataType.Y, null, ItemSensitivity.None),
        ("成立日期", ItemDataType.D, null, ItemSensitivity.None), ("经营范围", ItemDataType.M, null, ItemSensitivity.None),
        ("登记机关", ItemDataType.C, 100, ItemSensitivity.None), ("参保险种", ItemDataType.C, 20, ItemSensitivity.None),
        ("参保状态", ItemDataType.C, 10, ItemSensitivity.None), ("缴费基数", ItemDataType.Y, null, ItemSensitivity.PersonalInformation),
        ("缴费月数", ItemDataType.I, null, ItemSensitivity.None), ("不动产单元号", ItemDataType.C, 28, ItemSensitivity.None),
        ("权利人", ItemDataType.C, 100, ItemSensitivity.PersonalInformation), ("坐落", ItemDataType.C, 200, ItemSensitivity.None),
        ("建筑面积", ItemDataType.F, null, ItemSensitivity.None), ("规划用途", ItemDataType.C, 50, ItemSensitivity.None),
        ("证书编号", ItemDataType.C, 50, ItemSensitivity.None), ("发证日期", ItemDataType.D, null, ItemSensitivity.None),
        ("有效期至", ItemDataType.D, null, ItemSensitivity.None), ("许可事项", ItemDataType.C, 200, ItemSensitivity.None),
        ("处罚决定书文号", ItemDataType.C, 50, ItemSensitivity.None), ("违法事实", ItemDataType.M, null, ItemSensitivity.None),
        ("罚款金额", ItemDataType.Y, null, ItemSensitivity.None),
        ("迁入日期", ItemDataType.D, null, ItemSensitivity.None),
        ("待遇类别", ItemDataType.C, 20, ItemSensitivity.None), ("发放金额", ItemDataType.Y, null, ItemSensitivity.PersonalInformation),
        ("所属乡镇", ItemDataType.C, 50, ItemSensitivity.None), ("经办机构", ItemDataType.C, 100, ItemSensitivity.None),
        ("更新时间", ItemDataType.T, null, ItemSensitivity.None), ("备注", ItemDataType.M, null, ItemSensitivity.None),
        ("监测点位", ItemDataType.C, 100, ItemSensitivity.None),
        ("监测值", ItemDataType.B, null, ItemSensitivity.None), ("车辆识别代号", ItemDataType.C, 17, ItemSensitivity.None),
        ("号牌号码", ItemDataType.C, 15, ItemSensitivity.None), ("学籍号", ItemDataType.C, 20, ItemSensitivity.PersonalInformation),
        ("学校名称", ItemDataType.C, 100, ItemSensitivity.None), ("纳税人识别号", ItemDataType.C, 20, ItemSensitivity.None),
        ("信用等级", ItemDataType.C, 5, ItemSensitivity.None), ("是否有效", ItemDataType.L, null, ItemSensitivity.None),
    ];

    // An entry's own items are named after its subject (婚姻登记日期, 养老保险缴费金额); the rest come from the common pool.
    private static readonly (string Suffix, ItemDataType Type, int? Length)[] SubjectAttributes =
    [
        ("编号", ItemDataType.C, 50), ("类别", ItemDataType.C, 20), ("状态", ItemDataType.C, 10), ("日期", ItemDataType.D, null),
        ("办理机构", ItemDataType.C, 100), ("有效期", ItemDataType.D, null), ("数量", ItemDataType.I, null), ("金额", ItemDataType.Y, null),
        ("地址", ItemDataType.C, 200), ("说明", ItemDataType.M, null), ("变更原因", ItemDataType.C, 200), ("经办人", ItemDataType.C, 50),
    ];

    private const int CommonItems = 4;

    private static async Task GenerateAsync(string cs)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        var departments = new List<(int Id, string Name)>();
        await using (var cmd = new NpgsqlCommand("SELECT \"Id\", \"Name\" FROM departments ORDER BY \"Id\"", conn))
        await using (var reader = await cmd.ExecuteReaderAsync())
            while (await reader.ReadAsync()) departments.Add((reader.GetInt32(0), reader.GetString(1)));
        var leaves = new List<(int Id, string Code)>();
        await using (var cmd = new NpgsqlCommand("SELECT \"Id\", \"Code\" FROM resource_classes c WHERE NOT EXISTS (SELECT FROM resource_classes x WHERE x.\"ParentId\" = c.\"Id\") ORDER BY \"Code\"", conn))
        await using (var reader = await cmd.ExecuteReaderAsync())
            while (await reader.ReadAsync()) leaves.Add((reader.GetInt32(0), reader.GetString(1)));
        long firstId;
        await using (var cmd = new NpgsqlCommand("""SELECT greatest((SELECT coalesce(max("Id"), 0) FROM catalogue_entries), (SELECT coalesce(max("Id"), 0) FROM catalogue_versions)) + 1""", conn))
            firstId = (long)(await cmd.ExecuteScalarAsync())!;
        long firstItemId;
        await using (var cmd = new NpgsqlCommand("""SELECT coalesce(max("Id"), 0) + 1 FROM catalogue_items""", conn))
            firstItemId = (long)(await cmd.ExecuteScalarAsync())!;

        var random = new Random(20261202);
        var now = DateTimeOffset.UtcNow;
        var shareTypes = Enum.GetValues<ShareType>();
        var openTypes = Enum.GetValues<OpenType>();
        var cycles = Enum.GetValues<UpdateCycle>();
        var levels = Enum.GetValues<SecurityLevel>();
        var types = Enum.GetValues<CatalogueType>();
        var formats = Enum.GetValues<ResourceFormat>();

        // The GIN indexes (grams, and the search index over grams and filters) as the migrations define them, dropped for
        // the load and built once over the loaded rows, as CREATE INDEX after a bulk load would be.
        var ginIndexes = new List<(string Name, string Definition)>();
        await using (var cmd = new NpgsqlCommand("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'catalogue_entries' AND indexdef LIKE '%USING gin%'", conn))
        await using (var reader = await cmd.ExecuteReaderAsync())
            while (await reader.ReadAsync()) ginIndexes.Add((reader.GetString(0), reader.GetString(1)));
        foreach (var (name, _) in ginIndexes)
        {
            await using var drop = new NpgsqlCommand($"DROP INDEX \"{name}\"", conn);
            await drop.ExecuteNonQueryAsync();
        }
        var entries = new List<object?[]>(Entries);
        var versions = new List<object?[]>(Entries);
        var picks = new List<(string Name, ItemDataType Type, int? Length, ItemSensitivity Sensitivity)[]>(Entries);
        for (var i = 0; i < Entries; i++)
        {
            var id = firstId + i;
            var subject = Subjects[random.Next(Subjects.Length)];
            var name = Places[random.Next(Places.Length)] + subject + Aspects[random.Next(Aspects.Length)];
            var department = departments[random.Next(departments.Count)];
            var pick = Enumerable.Range(0, ItemPool.Length).OrderBy(_ => random.Next()).Take(CommonItems).Select(n => ItemPool[n])
                .Concat(Enumerable.Range(0, SubjectAttributes.Length).OrderBy(_ => random.Next()).Take(ItemsPerEntry - CommonItems)
                    .Select(n => (Name: subject + SubjectAttributes[n].Suffix, SubjectAttributes[n].Type, SubjectAttributes[n].Length, Sensitivity: ItemSensitivity.None)))
                .ToArray();
            picks.Add(pick);
            var itemNames = pick.Select(p => p.Name).ToList();
            var summary = $"{department.Name}掌握的{subject}相关数据，包括{itemNames[0]}、{itemNames[1]}、{itemNames[2]}等{ItemsPerEntry}个信息项。";
            var leaf = leaves[random.Next(leaves.Count)];
            var roll = random.Next(100);
            var (status, versionStatus) = roll < 85 ? ("Published", "Published") : roll < 95 ? ("Draft", "Draft") : ("InReview", "AuthorityReview");
            var published = status == "Published";
            var updated = now.AddMinutes(-random.Next(0, 60 * 24 * 365 * 3));
            var share = shareTypes[random.Next(shareTypes.Length)];
            var open = openTypes[random.Next(openTypes.Length)];
            var cycle = cycles[random.Next(cycles.Length)];
            var level = levels[random.Next(levels.Length)];
            var type = types[random.Next(types.Length)];
            var format = formats[random.Next(formats.Length)];
            // The listing and its grams exactly as CatalogueEntry.Show computes them.
            entries.Add([id, department.Id, published ? $"{leaf.Code.PadRight(9, '0')}/{i + 1:000000}" : null, status,
                published ? 1 : null, 1, status != "Draft", updated, published ? updated : null, published ? updated : null, 1, name, summary,
                type.ToString(), leaf.Id, format.ToString(), share.ToString(), open.ToString(), cycle.ToString(), level.ToString(),
                ItemsPerEntry, string.Join('\n', itemNames), CatalogueSearchText.Grams(name),
                CatalogueSearchText.Grams([name, summary, .. itemNames]), updated]);
            versions.Add([id, id, 1, versionStatus, name, summary, type.ToString(), leaf.Id, format.ToString(), share.ToString(),
                open.ToString(), cycle.ToString(), level.ToString(), "bench", updated, updated, published ? updated : null,
                0, 0, 0, 0, false, Array.Empty<string>(), false]);
        }
        await CopyAsync(conn, """COPY catalogue_entries ("Id", "ProviderDepartmentId", "ResourceCode", "Status", "PublishedVersionNumber", "LatestVersionNumber", "EverSubmitted", "CreatedAt", "FirstPublishedAt", "LastPublishedAt", "ShownVersionNumber", "Name", "Summary", "CatalogueType", "ResourceClassId", "Format", "ShareType", "OpenType", "UpdateCycle", "SecurityLevel", "ItemCount", "ItemNames", "NameGrams", "TextGrams", "UpdatedAt") FROM STDIN (FORMAT BINARY)""",
            entries, [NpgsqlDbType.Bigint, NpgsqlDbType.Integer, NpgsqlDbType.Varchar, NpgsqlDbType.Varchar, NpgsqlDbType.Integer,
                NpgsqlDbType.Integer, NpgsqlDbType.Boolean, NpgsqlDbType.TimestampTz, NpgsqlDbType.TimestampTz, NpgsqlDbType.TimestampTz,
                NpgsqlDbType.Integer, NpgsqlDbType.Varchar, NpgsqlDbType.Varchar, NpgsqlDbType.Varchar, NpgsqlDbType.Integer,
                NpgsqlDbType.Varchar, NpgsqlDbType.Varchar, NpgsqlDbType.Varchar, NpgsqlDbType.Varchar, NpgsqlDbType.Varchar,
                NpgsqlDbType.Integer, NpgsqlDbType.Text, NpgsqlDbType.Array | NpgsqlDbType.Text, NpgsqlDbType.Array | NpgsqlDbType.Text,
                NpgsqlDbType.TimestampTz]);
        await CopyAsync(conn, """COPY catalogue_versions ("Id", "EntryId", "Number", "Status", "Name", "Summary", "CatalogueType", "ResourceClassId", "Format", "ShareType", "OpenType", "UpdateCycle", "SecurityLevel", "CreatedByUserId", "CreatedAt", "UpdatedAt", "PublishedAt", "DataSubjects", "ShareConditionKinds", "ShareMethods", "ShareOperations", "Deidentified", "RelatedCodes", "IsBreakingChange") FROM STDIN (FORMAT BINARY)""",
            versions, [NpgsqlDbType.Bigint, NpgsqlDbType.Bigint, NpgsqlDbType.Integer, NpgsqlDbType.Varchar, NpgsqlDbType.Varchar,
                NpgsqlDbType.Varchar, NpgsqlDbType.Varchar, NpgsqlDbType.Integer, NpgsqlDbType.Varchar, NpgsqlDbType.Varchar,
                NpgsqlDbType.Varchar, NpgsqlDbType.Varchar, NpgsqlDbType.Varchar, NpgsqlDbType.Varchar, NpgsqlDbType.TimestampTz,
                NpgsqlDbType.TimestampTz, NpgsqlDbType.TimestampTz, NpgsqlDbType.Integer, NpgsqlDbType.Integer, NpgsqlDbType.Integer,
                NpgsqlDbType.Integer, NpgsqlDbType.Boolean, NpgsqlDbType.Array | NpgsqlDbType.Text, NpgsqlDbType.Boolean]);
        await using (var items = await conn.BeginBinaryImportAsync(
            """COPY catalogue_items ("Id", "VersionId", "Ordinal", "Name", "NormalisedName", "DataType", "Length", "Sensitivity") FROM STDIN (FORMAT BINARY)"""))
        {
            var itemId = firstItemId;
            for (var i = 0; i < Entries; i++)
                for (var n = 0; n < ItemsPerEntry; n++)
                {
                    var item = picks[i][n];
                    await items.StartRowAsync();
                    await items.WriteAsync(itemId++, NpgsqlDbType.Bigint);
                    await items.WriteAsync(firstId + i, NpgsqlDbType.Bigint);
                    await items.WriteAsync(n + 1, NpgsqlDbType.Integer);
                    await items.WriteAsync(item.Name, NpgsqlDbType.Varchar);
                    await items.WriteAsync(CatalogueRules.NormaliseItemName(item.Name), NpgsqlDbType.Varchar);
                    await items.WriteAsync(item.Type.ToString(), NpgsqlDbType.Varchar);
                    if (item.Length is { } length) await items.WriteAsync(length, NpgsqlDbType.Integer); else await items.WriteNullAsync();
                    await items.WriteAsync(item.Sensitivity.ToString(), NpgsqlDbType.Varchar);
                }
            await items.CompleteAsync();
        }
        foreach (var sql in new[] { "SET maintenance_work_mem = '256MB'" }.Concat(ginIndexes.Select(i => i.Definition)).Concat(
        [
            """SELECT setval(pg_get_serial_sequence('catalogue_entries', 'Id'), (SELECT max("Id") FROM catalogue_entries))""",
            """SELECT setval(pg_get_serial_sequence('catalogue_versions', 'Id'), (SELECT max("Id") FROM catalogue_versions))""",
            """SELECT setval(pg_get_serial_sequence('catalogue_items', 'Id'), (SELECT max("Id") FROM catalogue_items))""",
            "VACUUM ANALYZE catalogue_entries", "VACUUM ANALYZE catalogue_versions", "VACUUM ANALYZE catalogue_items",
        ]))
        {
            await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 600 };
            await cmd.ExecuteNonQueryAsync();
        }
    }

    private static async Task CopyAsync(NpgsqlConnection conn, string copy, List<object?[]> rows, NpgsqlDbType[] types)
    {
        await using var import = await conn.BeginBinaryImportAsync(copy);
        foreach (var row in rows)
        {
            await import.StartRowAsync();
            for (var c = 0; c < row.Length; c++)
                if (row[c] is null) await import.WriteNullAsync(); else await import.WriteAsync(row[c], types[c]);
        }
        await import.CompleteAsync();
    }
}
