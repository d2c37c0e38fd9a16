using System.IO.Compression;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using GovDataPortal.Infrastructure.Excel;

namespace GovDataPortal.Tests.Infrastructure.Excel;

/// <summary>The several-sheet writer and the by-sheet reader the catalogue's Excel import and export use.</summary>
public class XlsxWorkbookTests
{
    [Fact]
    public void Several_sheets_with_drop_downs_and_a_hidden_sheet_are_schema_valid_and_read_back_by_name()
    {
        var bytes = Write(book =>
        {
            var first = book.AddSheet("条目", [new XlsxColumn("名称"), new XlsxColumn("类型")]);
            first.WriteRow("甲", "基础");
            first.AddListValidation(new XlsxListValidation(1, 2, 100, "'选项'!$A$2:$A$3", Strict: true, "请选择"));
            var hidden = book.AddSheet("选项", [new XlsxColumn("类型")], new XlsxSheetOptions { Hidden = true });
            hidden.WriteRow("基础");
            hidden.WriteRow("主题");
        });

        using (var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false))
            Assert.Empty(new OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}"));
        using var reader = XlsxWorkbookReader.Open(new MemoryStream(bytes));
        Assert.Equal(["条目", "选项"], reader.SheetNames);
        Assert.Equal(["主题"], reader.Rows("选项").Last().Cells);
        Assert.Equal((2, "甲"), (reader.Rows("条目").Last().Number, reader.Rows("条目").Last()[0]));
    }

    [Fact]
    public void Text_that_looks_like_an_escape_reads_back_as_itself_and_escaped_control_characters_are_decoded()
    {
        var bytes = Write(book => book.AddSheet("数据", [new XlsxColumn("文本")]).WriteRow("字面_x0041_文本"));

        using var reader = XlsxWorkbookReader.Open(new MemoryStream(bytes));

        Assert.Equal("字面_x0041_文本", reader.Rows("数据").Last()[0]);
        Assert.Equal("响\u0007铃", XlsxReader.Unescape("响_x0007_铃"));
    }

    [Fact]
    public void Markup_characters_line_ends_and_tabs_in_text_and_prompts_read_back_unchanged()
    {
        const string text = "甲<乙>&\"丙\"'丁'\r\n第二行\t制表\n第三行";
        var bytes = Write(book =>
        {
            var sheet = book.AddSheet("数据", [new XlsxColumn("文本<&>"), new XlsxColumn("空"), new XlsxColumn("数")]);
            sheet.WriteRow(text, null, 42);
            sheet.AddListValidation(new XlsxListValidation(0, 2, 9, "'数据'!$A$2:$A$2", Strict: false, "提示：\"甲\" & <乙>"));
        });

        using (var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false))
            Assert.Empty(new OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}"));
        using var reader = XlsxWorkbookReader.Open(new MemoryStream(bytes));
        var rows = reader.Rows("数据").ToList();
        Assert.Equal("文本<&>", rows[0][0]);
        Assert.Equal([text, "", "42"], rows[1].Cells);
    }

    [Fact]
    public void A_formula_cell_is_reported_by_its_column()
    {
        var bytes = Write(book => book.AddSheet("数据", [new XlsxColumn("甲"), new XlsxColumn("乙")]).WriteRow("1", "2"));
        using var stream = new MemoryStream();
        stream.Write(bytes);
        using (var document = SpreadsheetDocument.Open(stream, true))
        {
            // B2: the writer leaves out references of cells that follow their neighbour.
            var cell = document.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>()
                .Single(r => r.RowIndex! == 2).Elements<DocumentFormat.OpenXml.Spreadsheet.Cell>().ElementAt(1);
            cell.RemoveAllChildren();
            cell.DataType = null;
            cell.Append(new DocumentFormat.OpenXml.Spreadsheet.CellFormula("1+1"), new DocumentFormat.OpenXml.Spreadsheet.CellValue("2"));
        }
        stream.Position = 0;

        using var reader = XlsxWorkbookReader.Open(stream);

        Assert.Equal([1], reader.Rows("数据").Last().FormulaColumns);
    }

    [Fact]
    public void A_package_that_unpacks_beyond_the_limit_is_refused_before_parsing()
    {
        var bytes = Write(book => book.AddSheet("数据", [new XlsxColumn("文本")]).WriteRow(new string('大', 20_000)));

        var refused = Assert.Throws<XlsxUnreadableException>(() => XlsxWorkbookReader.Open(new MemoryStream(bytes), maxUnpackedBytes: 10_000));

        Assert.Equal(XlsxUnreadable.TooLarge, refused.Reason);
    }

    [Fact]
    public void Bytes_that_are_not_a_zip_are_not_a_workbook()
    {
        var refused = Assert.Throws<XlsxUnreadableException>(() => XlsxWorkbookReader.Open(new MemoryStream("名称,类型\n"u8.ToArray())));

        Assert.Equal(XlsxUnreadable.NotAWorkbook, refused.Reason);
    }

    private static byte[] Write(Action<XlsxWorkbookWriter> write)
    {
        using var output = new MemoryStream();
        using (var book = XlsxWorkbookWriter.Create(output)) write(book);
        return output.ToArray();
    }
}
