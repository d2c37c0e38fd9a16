using GovDataPortal.Features.Catalogue;
using GovDataPortal.Features.Catalogue.Excel;
using GovDataPortal.Features.Demo;
using GovDataPortal.Features.Policies;
using GovDataPortal.Infrastructure;
using GovDataPortal.Infrastructure.Excel;
using GovDataPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using B = GovDataPortal.Tests.Features.Catalogue.Excel.CatalogueWorkbookBuilder;

namespace GovDataPortal.Tests.Features.Catalogue.Excel;

/// <summary>
/// The Excel import (issue 9 §4): a good file becomes drafts; each file or row of the bad corpus gives its Chinese
/// message at its (sheet, row, column) and writes nothing; the dry run writes nothing; the confirmed import is one
/// transaction.
/// </summary>
public class CatalogueImportTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private const string Entries = CatalogueSheetLayout.EntriesSheet, Items = CatalogueSheetLayout.ItemsSheet;

    private static string E(string header) => XlsxWriter.ColumnName(B.EntryHeaders.ToList().IndexOf(header));
    private static string I(string header) => XlsxWriter.ColumnName(B.ItemHeaders.ToList().IndexOf(header));

    /// <summary>One good entry (行号 1, sheet row 2) with its cells overridden.</summary>
    private static byte[] One(params (string Header, string Value)[] fields) => new B().WithGoodEntry(1, "户籍人口基本信息", fields).Build();

    /// <summary>A good entry and a third item (sheet row 4 of 信息项) with its cells overridden.</summary>
    private static byte[] OneItem(params (string Header, string Value)[] fields) =>
        new B().WithGoodEntry(1, "户籍人口基本信息").Item(B.GoodItem(1, "性别", fields)).Build();

    private sealed record BadCase(Func<byte[]> File, string? Sheet, int? Row, string? Column, string Message);

    private static readonly Dictionary<string, BadCase> Corpus = new()
    {
        ["wrong catalogue type"] = new(() => One(("目录类型", "基础库")), Entries, 2, E("目录类型"), "“目录类型”的值“基础库”无法识别，应为：基础信息资源目录、主题信息资源目录、部门信息资源目录。"),
        ["wrong format"] = new(() => One(("信息资源格式", "Excel表")), Entries, 2, E("信息资源格式"), "“信息资源格式”的值“Excel表”无法识别"),
        ["wrong share type"] = new(() => One(("共享类型", "部分共享")), Entries, 2, E("共享类型"), "应为：无条件共享、有条件共享、不予共享。"),
        ["wrong open type"] = new(() => One(("开放类型", "半开放")), Entries, 2, E("开放类型"), "“开放类型”的值“半开放”无法识别"),
        ["wrong update cycle"] = new(() => One(("更新周期", "每两天")), Entries, 2, E("更新周期"), "“更新周期”的值“每两天”无法识别"),
        ["wrong security level"] = new(() => One(("安全级别", "五级")), Entries, 2, E("安全级别"), "“安全级别”的值“五级”无法识别"),
        ["wrong deidentified flag"] = new(() => One(("是否脱敏", "也许")), Entries, 2, E("是否脱敏"), "“是否脱敏”的值“也许”无法识别，应为：是、否。"),
        ["wrong value among several share methods"] = new(() => One(("共享方式", "接口调用、传真")), Entries, 2, E("共享方式"), "“共享方式”中的“传真”无法识别"),
        ["wrong share condition"] = new(() => One(("共享条件", "仅限内部")), Entries, 2, E("共享条件"), "“共享条件”中的“仅限内部”无法识别"),
        ["wrong data subject"] = new(() => One(("数据主体", "外国人")), Entries, 2, E("数据主体"), "“数据主体”中的“外国人”无法识别"),
        ["wrong item data type"] = new(() => OneItem(("数据类型", "字符串")), Items, 4, I("数据类型"), "“数据类型”的值“字符串”无法识别"),
        ["wrong item sensitivity"] = new(() => OneItem(("敏感类别", "机密")), Items, 4, I("敏感类别"), "“敏感类别”的值“机密”无法识别，应为：无、个人信息、商业秘密。"),
        ["missing name"] = new(() => One(("信息资源名称", "")), Entries, 2, E("信息资源名称"), "请填写信息资源名称（导入为草稿时的必填项）。"),
        ["name of invisible characters only"] = new(() => One(("信息资源名称", "\u200B \u3000")), Entries, 2, E("信息资源名称"), "请填写信息资源名称"),
        ["too long name"] = new(() => One(("信息资源名称", new string('名', 101))), Entries, 2, E("信息资源名称"), "信息资源名称不能超过100个字符。"),
        ["too long summary"] = new(() => One(("信息资源摘要", new string('摘', 1001))), Entries, 2, E("信息资源摘要"), "信息资源摘要不能超过1000个字符。"),
        ["too long legal basis"] = new(() => One(("法律法规依据", new string('依', 1001))), Entries, 2, E("法律法规依据"), "法律法规依据不能超过1000个字符。"),
        ["too long item name"] = new(() => OneItem(("信息项名称", new string('项', 51))), Items, 4, I("信息项名称"), "第3个信息项的名称不能超过50个字符。"),
        ["too long item description"] = new(() => OneItem(("描述", new string('述', 501))), Items, 4, I("描述"), "第3个信息项的描述不能超过500个字符。"),
        ["Chinese numeral as length"] = new(() => OneItem(("数据长度", "十八")), Items, 4, I("数据长度"), "“数据长度”应为整数，“十八”不是数字。"),
        ["decimal length"] = new(() => OneItem(("数据长度", "18.5")), Items, 4, I("数据长度"), "“数据长度”应为整数，不能是小数（18.5）。"),
        ["ambiguous thousands separator"] = new(() => One(("数据量（条）", "1,00")), Entries, 2, E("数据量（条）"), "“数据量（条）”应为整数，“1,00”不是数字。"),
        ["date cell in a number column"] = new(() => One(("数据量（条）", "{{date:45292}}")), Entries, 2, E("数据量（条）"), "“数据量（条）”单元格是日期（2024-01-01），应填写整数"),
        ["impossible date typed in a number column"] = new(() => OneItem(("数据长度", "2024-02-30")), Items, 4, I("数据长度"), "“数据长度”单元格是日期（2024-02-30）"),
        ["negative record count"] = new(() => One(("数据量（条）", "-5")), Entries, 2, E("数据量（条）"), "“数据量（条）”应在0至"),
        ["item without entry"] = new(() => OneItem(("条目行号", "9")), Items, 4, I("条目行号"), "条目行号 9 在“目录条目”工作表中不存在，信息项须属于一个目录条目。"),
        ["item without entry key"] = new(() => OneItem(("条目行号", "")), Items, 4, I("条目行号"), "请填写条目行号（正整数）。"),
        ["duplicate row key"] = new(() => new B().WithGoodEntry(1, "甲").WithGoodEntry(1, "乙").Build(), Entries, 3, E("行号"), "行号 1 与第 2 行重复，行号在本工作表中不得重复。"),
        ["missing row key"] = new(() => One(("行号", "")), Entries, 2, E("行号"), "请填写行号（正整数）。"),
        ["row key zero"] = new(() => One(("行号", "0")), Entries, 2, E("行号"), "“行号”应在1至"),
        ["duplicate name in the file"] = new(() => new B().WithGoodEntry(1, "户籍人口").WithGoodEntry(2, "户籍人口").Build(), Entries, 3, E("信息资源名称"), "信息资源名称“户籍人口”与第 2 行重复，同一文件中名称不得重复。"),
        ["unknown classification code"] = new(() => One(("信息资源分类", "109 不存在的分类")), Entries, 2, E("信息资源分类"), "信息资源分类代码“109”不存在，请从“信息资源分类”工作表或下拉列表中选择。"),
        ["unknown classification name"] = new(() => One(("信息资源分类", "外星信息资源")), Entries, 2, E("信息资源分类"), "信息资源分类“外星信息资源”不存在"),
        ["NUL character in the name"] = new(() => One(("信息资源名称", "{{raw:户籍_x0000_人口}}")), Entries, 2, E("信息资源名称"), "信息资源名称包含不允许的控制字符。"),
        ["bell character in the summary"] = new(() => One(("信息资源摘要", "{{raw:摘要_x0007_}}")), Entries, 2, E("信息资源摘要"), "信息资源摘要包含不允许的控制字符。"),
        ["control character in an enumerated cell"] = new(() => One(("目录类型", "{{raw:基础_x001B_}}")), Entries, 2, E("目录类型"), "目录类型包含不允许的控制字符。"),
        ["NUL character in an item name"] = new(() => OneItem(("信息项名称", "{{raw:性_x0000_别}}")), Items, 4, I("信息项名称"), "第3个信息项的名称包含不允许的控制字符。"),
        ["formula in the name"] = new(() => One(("信息资源名称", "{{formula:CONCATENATE(\"户籍\",\"人口\")}}")), Entries, 2, E("信息资源名称"), "单元格 目录条目!B2 含有公式。"),
        ["formula in an item"] = new(() => OneItem(("数据长度", "{{formula:SUM(9,9)}}")), Items, 4, I("数据长度"), "单元格 信息项!D4 含有公式。"),
        ["too many items of one entry"] = new(() => ManyItems(1001), Entries, 2, null, "一个目录条目最多1000个信息项。"),
        ["not an xlsx"] = new(() => "信息资源名称,目录类型\n户籍人口,基础\n"u8.ToArray(), null, null, null, CatalogueExcelTexts.NotAWorkbook),
        ["a zip that is not a workbook"] = new(B.ZipOfText, null, null, null, CatalogueExcelTexts.NotAWorkbook),
        ["a truncated xlsx"] = new(() => One()[..2000], null, null, null, CatalogueExcelTexts.NotAWorkbook),
        ["a macro-enabled workbook"] = new(() => B.MacroEnabled(One()), null, null, null, CatalogueExcelTexts.MacroEnabled),
        ["oversize file"] = new(() => new byte[CatalogueImportLimits.MaxFileBytes + 1], null, null, null, "超过了 10 MB 的上限"),
        ["entries sheet missing"] = new(() => new B().EntriesSheetNamed("Sheet1").WithGoodEntry(1, "甲").Build(), null, null, null, "文件中没有“目录条目”工作表。"),
        ["key column missing"] = new(() => new B().EntryHeadersAre([.. B.EntryHeaders.Skip(1)]).WithGoodEntry(1, "甲").Build(), Entries, 1, null, "缺少“行号”列。"),
        ["too many entries"] = new(() => ManyEntries(CatalogueImportLimits.MaxEntries + 1), Entries, CatalogueImportLimits.MaxEntries + 2, null, "一次最多导入 5,000 个目录条目，本工作表从第 5002 行起超出上限。"),
        ["too many items"] = new(() => ManyItems(CatalogueImportLimits.MaxItems + 1, perEntry: 1000), Items, CatalogueImportLimits.MaxItems + 2, null, "一次最多导入 100,000 个信息项，本工作表从第 100002 行起超出上限。"),
    };

    public static TheoryData<string> CorpusNames => [.. Corpus.Keys];

    private static byte[] ManyEntries(int n)
    {
        var b = new B();
        for (var i = 1; i <= n; i++) b.Entry(new() { ["行号"] = i.ToString(), ["信息资源名称"] = $"批量条目{i}" });
        return b.Build();
    }

    private static byte[] ManyItems(int n, int perEntry = int.MaxValue)
    {
        var b = new B();
        var entries = (n + Math.Min(n, perEntry) - 1) / Math.Min(n, perEntry);
        for (var e = 1; e <= entries; e++) b.Entry(new() { ["行号"] = e.ToString(), ["信息资源名称"] = $"多项条目{e}" });
        for (var i = 0; i < n; i++) b.Item(new() { ["条目行号"] = (i / Math.Min(n, perEntry) + 1).ToString(), ["信息项名称"] = $"项{i}", ["数据类型"] = "C" });
        return b.Build();
    }

    [Fact]
    public void The_corpus_holds_at_least_thirty_bad_files_and_rows() => Assert.True(Corpus.Count >= 30, $"{Corpus.Count} cases");

    [Theory]
    [MemberData(nameof(CorpusNames))]
    public async Task A_bad_file_or_row_is_reported_at_its_cell_in_Chinese_and_nothing_is_written(string name)
    {
        var bad = Corpus[name];
        var file = bad.File();
        var before = await CountsAsync();

        var preview = await DryRunAsync(file);
        var result = await ImportAsync(file);

        var problem = Assert.Single(preview.Problems, p => p.Severity == ImportSeverity.Error && p.Message.Contains(bad.Message, StringComparison.Ordinal));
        Assert.Equal((bad.Sheet, bad.Row, bad.Column), (problem.Sheet, problem.Row, problem.Column));
        Assert.False(preview.CanImport);
        Assert.False(result.Saved);
        Assert.Empty(result.EntryIds);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task A_good_file_imports_every_row_as_a_draft_of_the_specialists_department_with_its_items()
    {
        var file = new B().WithGoodEntry(1, "常住人口基本信息").WithGoodEntry(2, "暂住人口登记信息", ("共享方式", "接口调用、库表交换"))
            .WithGoodEntry(3, "流动人口信息", ("目录类型", "部门"), ("信息资源分类", "3")).Build();
        var before = await CountsAsync();

        var preview = await DryRunAsync(file);
        Assert.Equal(before, await CountsAsync()); // the dry run writes nothing
        Assert.Equal(0, preview.ErrorCount);
        Assert.Equal((3, 0, 6), (preview.CreateCount, preview.UpdateCount, preview.ItemCount));

        var result = await ImportAsync(file);

        Assert.True(result.Saved);
        Assert.Equal(3, result.EntryIds.Count);
        Assert.Equal((before.Entries + 3, before.Versions + 3, before.Items + 6), await CountsAsync());
        var police = await portal.DepartmentIdAsync(DemoAccounts.Police);
        await using var db = await portal.DbAsync();
        var entries = await db.CatalogueEntries.Include(e => e.Versions).ThenInclude(v => v.Items)
            .Where(e => result.EntryIds.Contains(e.Id)).OrderBy(e => e.Id).ToListAsync();
        Assert.All(entries, e => Assert.Equal((EntryStatus.Draft, police, VersionStatus.Draft), (e.Status, e.ProviderDepartmentId, e.LatestVersion.Status)));
        var second = entries[1].LatestVersion;
        Assert.Equal("暂住人口登记信息", second.Name);
        Assert.Equal(ShareMethods.PlatformApi | ShareMethods.PlatformTableExchange, second.ShareMethods);
        Assert.Equal((ShareType.Conditional, ShareConditionKinds.ViewOnly, OpenType.NotOpen, SecurityLevel.Sensitive, 11),
            (second.ShareType, second.ShareConditionKinds, second.OpenType, second.SecurityLevel, second.ResourceClassId));
        Assert.Equal(["公民身份号码", "姓名"], second.Items.OrderBy(i => i.Ordinal).Select(i => i.Name));
        Assert.Equal((ItemDataType.C, 18, ItemSensitivity.PersonalInformation), (second.Items.First(i => i.Ordinal == 1).DataType,
            second.Items.First(i => i.Ordinal == 1).Length, second.Items.First(i => i.Ordinal == 1).Sensitivity));
        Assert.Equal((CatalogueType.Department, ResourceClassSeedIds.Department), (entries[2].CatalogueType, entries[2].ResourceClassId));
    }

    [Fact]
    public async Task Full_width_digits_and_Chinese_punctuation_are_understood_where_unambiguous()
    {
        var file = new B().WithGoodEntry(1, "全角测试条目", ("数据量（条）", "１，２３４"), ("安全级别", "三级(敏感)"),
                ("共享方式", "接口调用，库表交换；邮件方式\n介质"), ("允许的操作", "查阅"), ("信息资源分类", "１０１"), ("目录类型", " 基础 "))
            .Item(B.GoodItem(1, "性别", ("数据类型", "Ｃ"), ("数据长度", "１"), ("敏感类别", "无"))).Build();

        var preview = await DryRunAsync(file);
        var result = await ImportAsync(file);

        Assert.Equal(0, preview.ErrorCount);
        await using var db = await portal.DbAsync();
        var version = await db.CatalogueVersions.Include(v => v.Items).SingleAsync(v => v.EntryId == result.EntryIds[0]);
        Assert.Equal((1234L, SecurityLevel.Sensitive, 11, CatalogueType.Base), (version.RecordCount!.Value, version.SecurityLevel!.Value, version.ResourceClassId!.Value, version.CatalogueType!.Value));
        Assert.Equal(ShareMethods.PlatformApi | ShareMethods.PlatformTableExchange | ShareMethods.Email | ShareMethods.Medium, version.ShareMethods);
        var sex = version.Items.Single(i => i.Name == "性别");
        Assert.Equal((ItemDataType.C, 1, ItemSensitivity.None), (sex.DataType, sex.Length, sex.Sensitivity));
    }

    [Fact]
    public async Task Rules_of_a_complete_entry_are_notes_before_submission_and_do_not_block_the_draft()
    {
        var file = new B().Entry(new() { ["行号"] = "1", ["信息资源名称"] = "只有名称的条目", ["共享类型"] = "有条件共享" }).Build();

        var preview = await DryRunAsync(file);
        var result = await ImportAsync(file);

        Assert.Equal(0, preview.ErrorCount);
        Assert.True(result.Saved);
        var basis = Assert.Single(preview.Problems, p => p.Column == E("法律法规依据"));
        Assert.Equal((ImportSeverity.BeforeSubmit, Entries, 2), (basis.Severity, basis.Sheet, basis.Row));
        Assert.StartsWith("共享类型为有条件共享时须填写法律法规依据", basis.Message);
        Assert.Contains(preview.Problems, p => p.Severity == ImportSeverity.BeforeSubmit && p.Column == E("信息资源摘要") && p.Message.StartsWith("请填写信息资源摘要"));
    }

    [Fact]
    public async Task A_row_named_like_a_draft_of_the_department_updates_it_and_the_dry_run_lists_the_changed_fields()
    {
        var first = await ImportAsync(new B().WithGoodEntry(1, "法人单位登记信息").Build());
        var before = await CountsAsync();
        var changed = new B().WithGoodEntry(7, "法人单位登记信息", ("更新周期", "每月"), ("信息资源摘要", "新的摘要。"))
            .Item(B.GoodItem(7, "性别", ("数据长度", "1"))).Build();

        var preview = await DryRunAsync(changed);

        var row = Assert.Single(preview.Rows);
        Assert.Equal(first.EntryIds[0], row.ExistingEntryId);
        Assert.Equal(
            [("信息资源摘要", "法人单位登记信息的摘要。", "新的摘要。"), ("更新周期", "每日", "每月"), ("信息项", "2 项", "3 项（新增 性别）")],
            row.Changes.Select(c => (c.Field, c.Before, c.After)));
        Assert.Equal(before, await CountsAsync());

        var result = await ImportAsync(changed);

        Assert.Equal(first.EntryIds, result.EntryIds);
        Assert.Equal((before.Entries, before.Versions, before.Items + 1), await CountsAsync());
        await using var db = await portal.DbAsync();
        var entry = await db.CatalogueEntries.SingleAsync(e => e.Id == first.EntryIds[0]);
        Assert.Equal((UpdateCycle.Monthly, "新的摘要。", 3), (entry.UpdateCycle!.Value, entry.Summary, entry.ItemCount));
    }

    [Fact]
    public async Task Another_departments_draft_of_the_same_name_is_not_touched()
    {
        var police = await ImportAsync(new B().WithGoodEntry(1, "同名异部门条目").Build());

        await using var scope = await portal.ScopeAsAsync("liuyang");
        var preview = await scope.Get<CatalogueImportService>().DryRunAsync(new MemoryStream(new B().WithGoodEntry(1, "同名异部门条目").Build()));

        Assert.True(police.Saved);
        Assert.False(Assert.Single(preview.Rows).IsUpdate);
    }

    [Fact]
    public async Task Confirm_is_all_or_nothing_when_a_save_fails_midway()
    {
        var b = new B();
        for (var i = 1; i <= 5; i++) b.WithGoodEntry(i, $"事务测试条目{i}");
        var file = b.Build();
        var before = await CountsAsync();
        await using var scope = await portal.ScopeAsAsync("zhangwei");
        // The third chunk's save fails after two chunks (four entries) were written inside the transaction.
        var failing = new FailingFactory(portal.ConnectionString, failOnSave: 3);
        var service = new CatalogueImportService(failing, scope.Get<CurrentActor>(), scope.Get<PolicyCatalog>(), portal.Clock) { SaveChunkSize = 2 };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => service.ImportAsync(new MemoryStream(file)));

        Assert.Equal("注入的故障", error.Message);
        Assert.Equal(3, failing.Saves);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Only_a_departments_data_specialist_may_import()
    {
        await using var scope = await portal.ScopeAsAsync("lina"); // 部门审核人
        var service = scope.Get<CatalogueImportService>();

        Assert.False(service.CanImport);
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.DryRunAsync(new MemoryStream(One())));
    }

    [Fact]
    public async Task An_empty_template_has_nothing_to_import_and_no_error()
    {
        using var template = new MemoryStream();
        await using (var scope = await portal.ScopeAsAsync("zhangwei"))
            await scope.Get<CatalogueExportService>().WriteTemplateAsync(template);

        var preview = await DryRunAsync(template.ToArray());

        Assert.Equal((0, 0), (preview.ErrorCount, preview.Rows.Count));
        Assert.False(preview.CanImport);
    }

    internal async Task<CatalogueImportPreview> DryRunAsync(byte[] file, string user = "zhangwei")
    {
        await using var scope = await portal.ScopeAsAsync(user);
        return await scope.Get<CatalogueImportService>().DryRunAsync(new MemoryStream(file));
    }

    internal async Task<CatalogueImportResult> ImportAsync(byte[] file, string user = "zhangwei")
    {
        await using var scope = await portal.ScopeAsAsync(user);
        return await scope.Get<CatalogueImportService>().ImportAsync(new MemoryStream(file));
    }

    private async Task<(int Entries, int Versions, int Items)> CountsAsync()
    {
        await using var db = await portal.DbAsync();
        return (await db.CatalogueEntries.CountAsync(), await db.CatalogueVersions.CountAsync(), await db.CatalogueItems.CountAsync());
    }

    private static class ResourceClassSeedIds
    {
        public const int Department = 3;
    }

    /// <summary>Contexts on the test database whose <c>failOnSave</c>-th SaveChanges throws (counted across contexts).</summary>
    private sealed class FailingFactory(string connectionString, int failOnSave) : IDbContextFactory<PortalDbContext>
    {
        public int Saves;
        private readonly int _failOn = failOnSave;

        public PortalDbContext CreateDbContext() => new(new DbContextOptionsBuilder<PortalDbContext>()
            .UseNpgsql(connectionString).AddInterceptors(new Fail(this)).Options);

        private sealed class Fail(FailingFactory owner) : SaveChangesInterceptor
        {
            public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
                CancellationToken cancellationToken = default)
            {
                if (++owner.Saves == owner._failOn) throw new InvalidOperationException("注入的故障");
                return base.SavingChangesAsync(eventData, result, cancellationToken);
            }
        }
    }
}
