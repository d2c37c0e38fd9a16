using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using GovDataPortal.Features.Catalogue;
using GovDataPortal.Features.Catalogue.Excel;
using GovDataPortal.Features.Demo;
using GovDataPortal.Features.Policies;
using GovDataPortal.Infrastructure.Excel;
using GovDataPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using B = GovDataPortal.Tests.Features.Catalogue.Excel.CatalogueWorkbookBuilder;

namespace GovDataPortal.Tests.Features.Catalogue.Excel;

/// <summary>The template and the export (issue 9 §4): the layout an import reads, visibility, the filter, the formula guard.</summary>
public class CatalogueExportTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task An_export_re_imports_without_errors_and_with_the_same_content()
    {
        var file = new B()
            .WithGoodEntry(1, "往返户籍人口", ("共享方式", "接口调用、库表交换、邮件方式"), ("数据主体", "自然人、法人和其他组织"),
                ("关联资源", "101000000/000001、101000000/000002"), ("是否脱敏", "是"), ("脱敏方法", "姓名保留首字"))
            .Item(B.GoodItem(1, "统一社会信用代码", ("敏感类别", "无"), ("描述", "")))
            .WithGoodEntry(2, "往返法人单位", ("目录类型", "主题信息资源目录"), ("信息资源分类", "203 社会保障"), ("共享类型", "无条件共享"),
                ("共享条件", ""), ("允许的操作", "查阅、比对、获取"), ("法律法规依据", ""))
            .Entry(new() { ["行号"] = "3", ["信息资源名称"] = "往返只有名称" })
            .Build();
        var imported = await ImportAsync(file, "zhangwei");
        Assert.True(imported.Saved);

        var exported = await ExportAsync("zhangwei", new CatalogueFilter { Keyword = "往返" });
        var preview = await DryRunAsync(exported, "zhangwei");

        Assert.Equal(0, preview.ErrorCount);
        Assert.Equal(3, preview.Rows.Count);
        Assert.All(preview.Rows, r => Assert.True(r.IsUpdate && r.Changes.Count == 0, $"{r.Name}: {string.Join("；", r.Changes)}"));
        Assert.Equal(imported.EntryIds.Order(), preview.Rows.Select(r => r.ExistingEntryId!.Value).Order());
        Assert.Equal(5, preview.ItemCount);
    }

    [Fact]
    public async Task The_export_holds_only_what_the_viewer_may_see_and_follows_the_filter()
    {
        await ImportAsync(new B().WithGoodEntry(1, "可见性公安草稿").WithGoodEntry(2, "可见性公安另一草稿", ("更新周期", "每年")).Build(), "zhangwei");

        var own = Rows(await ExportAsync("zhangwei", new CatalogueFilter { Keyword = "可见性" }));
        var byCycle = Rows(await ExportAsync("zhangwei", new CatalogueFilter { Keyword = "可见性", UpdateCycle = UpdateCycle.Yearly }));
        var twoCharacters = Rows(await ExportAsync("zhangwei", new CatalogueFilter { Keyword = "草稿", ProviderDepartmentId = await portal.DepartmentIdAsync(DemoAccounts.Police) }));
        var otherDepartment = Rows(await ExportAsync("liuyang", new CatalogueFilter { Keyword = "可见性" }));

        Assert.Equal(["可见性公安草稿", "可见性公安另一草稿"], own.Select(r => r[1]));
        Assert.Equal(["可见性公安另一草稿"], byCycle.Select(r => r[1]));
        Assert.Contains("可见性公安草稿", twoCharacters.Select(r => r[1]));
        Assert.Empty(otherDepartment); // drafts are their department's own (CatalogueVisibility)
    }

    [Fact]
    public async Task Cells_beginning_with_a_formula_character_are_written_as_quoted_text_and_never_as_formulas()
    {
        string[] dangerous = ["=HYPERLINK(\"http://example.com\",\"点我\")", "+1+1", "-2+3", "@SUM(1,2)"];
        var b = new B().Entry(new() { ["行号"] = "1", ["信息资源名称"] = "公式防护" + dangerous[0], ["信息资源摘要"] = dangerous[0] });
        for (var i = 1; i < dangerous.Length; i++) b.Item(new() { ["条目行号"] = "1", ["信息项名称"] = dangerous[i], ["数据类型"] = "C" });
        await ImportAsync(b.Build(), "zhangwei");

        var exported = await ExportAsync("zhangwei", new CatalogueFilter { Keyword = "公式防护" });

        using var document = SpreadsheetDocument.Open(new MemoryStream(exported), false);
        var formats = document.WorkbookPart!.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ToList();
        var cells = document.WorkbookPart.WorksheetParts.SelectMany(p => p.Worksheet.Descendants<Cell>())
            .Where(c => c.InlineString?.Text?.Text is { } t && dangerous.Contains(t)).ToList();
        Assert.Equal(4, cells.Count); // the summary and three item names
        Assert.All(cells, c =>
        {
            Assert.Null(c.CellFormula);
            Assert.Equal(CellValues.InlineString, c.DataType!.Value);
            Assert.True(formats[(int)c.StyleIndex!.Value].QuotePrefix?.Value, "quote prefix");
        });
        Assert.DoesNotContain(document.WorkbookPart.WorksheetParts.SelectMany(p => p.Worksheet.Descendants<CellFormula>()), _ => true);
    }

    [Fact]
    public async Task The_template_has_its_sheets_drop_downs_and_the_classification_lookup_and_is_schema_valid()
    {
        using var output = new MemoryStream();
        await using (var scope = await portal.ScopeAsAsync("zhangwei"))
            await scope.Get<CatalogueExportService>().WriteTemplateAsync(output);
        output.Position = 0;

        using var document = SpreadsheetDocument.Open(output, false);
        var workbook = document.WorkbookPart!;
        var sheets = workbook.Workbook.Sheets!.Elements<Sheet>().ToList();
        Assert.Equal(["填写说明", "目录条目", "信息项", "信息资源分类", "下拉选项"], sheets.Select(s => s.Name!.Value));
        Assert.Equal(SheetStateValues.Hidden, sheets[4].State!.Value);
        Worksheet Part(int i) => ((WorksheetPart)workbook.GetPartById(sheets[i].Id!)).Worksheet;

        var entryLists = Part(1).Descendants<DataValidation>().ToDictionary(v => v.SequenceOfReferences!.InnerText!, v => v);
        // 目录类型 D, 分类 E, 格式 F, 数据主体 K, 共享类型 L, 共享条件 M, 共享方式 P, 允许的操作 Q, 开放类型 S, 是否脱敏 V, 更新周期 X, 安全级别 Y
        Assert.Equal(["D2:D5001", "E2:E5001", "F2:F5001", "K2:K5001", "L2:L5001", "M2:M5001", "P2:P5001", "Q2:Q5001", "S2:S5001",
            "V2:V5001", "X2:X5001", "Y2:Y5001"], entryLists.Keys.Order(StringComparer.Ordinal));
        Assert.True(entryLists["L2:L5001"].ShowErrorMessage?.Value); // one choice: Excel refuses others
        Assert.False(entryLists["P2:P5001"].ShowErrorMessage?.Value ?? false); // several choices "甲、乙": the import judges
        Assert.StartsWith("'信息资源分类'!$C$2:$C$", entryLists["E2:E5001"].Formula1!.Text);
        var itemLists = Part(2).Descendants<DataValidation>().Select(v => v.SequenceOfReferences!.InnerText).Order(StringComparer.Ordinal);
        Assert.Equal(["C2:C100001", "E2:E100001"], itemLists);

        using var reread = new MemoryStream(output.ToArray());
        using var reader = XlsxWorkbookReader.Open(reread);
        var choices = reader.Rows("下拉选项").ToList();
        var shareColumn = Array.IndexOf(choices[0].Cells, "共享类型");
        Assert.Equal(["无条件共享", "有条件共享", "不予共享"], choices.Skip(1).Select(r => r[shareColumn]).Where(t => t.Length > 0));
        var classes = reader.Rows("信息资源分类").Skip(1).Select(r => r[2]).ToList();
        Assert.Contains("101 人口信息资源", classes);
        Assert.Contains("212 应急维稳", classes);
        Assert.DoesNotContain("1 基础信息资源", classes); // not a leaf
        var instructions = string.Join("\n", reader.Rows("填写说明").Select(r => r[0]));
        Assert.Contains(CatalogueExcelTexts.Separators, instructions);
        Assert.Contains("依据《双牌县", instructions);
        Assert.Contains(CatalogueTexts.CodeLayoutNote, instructions);

        Assert.Empty(new OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}"));
    }

    [Fact]
    public void Longyan_choices_offer_its_own_words_and_still_understand_the_others()
    {
        var longyan = new CatalogueChoices(Jurisdiction.Longyan);

        Assert.Equal(["无条件共享", "有条件共享", "暂不共享"], longyan.ShareType.Names);
        Assert.Equal(["普遍开放", "授权开放", "不予开放"], longyan.OpenType.Names);
        Assert.True(longyan.ShareType.TryParse("不予共享", out var share) && share == ShareType.NotShared);
        Assert.True(longyan.OpenType.TryParse("无条件开放", out var open) && open == OpenType.Unconditional);
    }

    [Fact]
    public async Task Download_links_answer_xlsx_and_refuse_an_unknown_filter_value()
    {
        var client = await portal.CookieClientAsAsync("zhangwei");

        var template = await client.GetAsync(CatalogueExcelEndpoints.TemplatePath);
        var export = await client.GetAsync("/" + CatalogueExcelEndpoints.ExportLink(new CatalogueFilter { Keyword = "人口", ShareType = ShareType.Conditional }));
        var bad = await client.GetAsync(CatalogueExcelEndpoints.ExportPath + "?shareType=Bogus");
        var page = await client.GetStringAsync("/catalogue/import");

        Assert.Equal(HttpStatusCode.OK, template.StatusCode);
        Assert.Equal(CatalogueExcelEndpoints.XlsxContentType, template.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("shareType", await bad.Content.ReadAsStringAsync());
        Assert.Contains("批量导入目录", page);
        Assert.Contains("catalogue-import-choose", page);
    }

    [Fact]
    public async Task The_import_page_refuses_who_is_not_a_data_specialist()
    {
        var client = await portal.CookieClientAsAsync("lina");

        // A component parameter's text is written as character references.
        var page = WebUtility.HtmlDecode(await client.GetStringAsync("/catalogue/import"));

        Assert.Contains("只有部门的数据专管员可以批量导入目录。", page);
        Assert.DoesNotContain("catalogue-import-choose", page);
    }

    private static List<string[]> Rows(byte[] xlsx)
    {
        using var reader = XlsxWorkbookReader.Open(new MemoryStream(xlsx));
        return [.. reader.Rows(CatalogueSheetLayout.EntriesSheet).Skip(1).Select(r => r.Cells)];
    }

    private async Task<byte[]> ExportAsync(string user, CatalogueFilter filter)
    {
        using var output = new MemoryStream();
        await using (var scope = await portal.ScopeAsAsync(user))
            await scope.Get<CatalogueExportService>().ExportAsync(filter, output);
        return output.ToArray();
    }

    private async Task<CatalogueImportPreview> DryRunAsync(byte[] file, string user)
    {
        await using var scope = await portal.ScopeAsAsync(user);
        return await scope.Get<CatalogueImportService>().DryRunAsync(new MemoryStream(file));
    }

    private async Task<CatalogueImportResult> ImportAsync(byte[] file, string user)
    {
        await using var scope = await portal.ScopeAsAsync(user);
        return await scope.Get<CatalogueImportService>().ImportAsync(new MemoryStream(file));
    }
}
