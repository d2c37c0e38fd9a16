using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using GovDataPortal.Infrastructure.Excel;

namespace GovDataPortal.Tests.Infrastructure.Excel;

public class XlsxWriterTests
{
    private static readonly XlsxColumn[] Columns = [new("名称", 30), new("数量"), new("金额"), new("时间", 20), new("日期"), new("备注")];

    private static MemoryStream Write(Action<XlsxWriter> rows, string sheetName = "数据")
    {
        var output = new MemoryStream();
        using (var writer = XlsxWriter.Create(output, sheetName, Columns)) rows(writer);
        output.Position = 0;
        return output;
    }

    [Fact]
    public void Round_trip_keeps_chinese_text_numbers_dates_and_empty_cells()
    {
        using var file = Write(w =>
        {
            w.WriteRow("双牌县公安局", 42, 1234.5m, new DateTime(2026, 11, 20, 10, 0, 5), new DateOnly(2026, 1, 2), " 前后空格 ");
            w.WriteRow("只有第一列和第三列", null, -0.125);
            w.WriteRow(null, long.MaxValue, 1e-7, null, null, "末列");
        });

        var rows = XlsxReader.ReadRows(file);

        Assert.Equal(4, rows.Count);
        Assert.Equal(["名称", "数量", "金额", "时间", "日期", "备注"], rows[0]);
        Assert.Equal(["双牌县公安局", "42", "1234.5", "2026-11-20 10:00:05", "2026-01-02", " 前后空格 "], rows[1]);
        Assert.Equal(["只有第一列和第三列", "", "-0.125", "", "", ""], rows[2]);
        Assert.Equal(["", "9223372036854775807", "1E-07", "", "", "末列"], rows[3]);
    }

    [Fact]
    public void Ten_thousand_rows_come_back_in_order()
    {
        var start = new DateTime(2026, 1, 1, 8, 0, 0);
        using var file = Write(w =>
        {
            for (var i = 1; i <= 10_000; i++) w.WriteRow($"第{i}行", i, i / 4.0, start.AddMinutes(i));
            Assert.Equal(10_000, w.RowCount);
        });

        var rows = XlsxReader.ReadRows(file);

        Assert.Equal(10_001, rows.Count);
        for (var i = 1; i <= 10_000; i++)
        {
            Assert.Equal($"第{i}行", rows[i][0]);
            Assert.Equal(i.ToString(System.Globalization.CultureInfo.InvariantCulture), rows[i][1]);
            Assert.Equal(start.AddMinutes(i).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), rows[i][3]);
        }
    }

    [Fact]
    public void Written_workbook_is_valid_against_the_spreadsheet_schema()
    {
        using var file = Write(w => w.WriteRow("甲", 1, 2.5, DateTime.Today, DateOnly.FromDateTime(DateTime.Today), "乙"));
        using var document = SpreadsheetDocument.Open(file, false);

        var errors = new OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();

        Assert.Empty(errors);
    }

    [Fact]
    public void Header_row_is_bold_and_frozen_and_columns_have_their_widths()
    {
        using var file = Write(w => w.WriteRow("甲"));
        using var document = SpreadsheetDocument.Open(file, false);
        var workbook = document.WorkbookPart!;
        var sheet = workbook.WorksheetParts.Single().Worksheet;

        var pane = sheet.Descendants<Pane>().Single();
        Assert.Equal(PaneStateValues.Frozen, pane.State!.Value);
        Assert.Equal(1, pane.VerticalSplit!.Value);
        Assert.Equal("A2", pane.TopLeftCell!.Value);

        var fonts = workbook.WorkbookStylesPart!.Stylesheet.Fonts!.Elements<Font>().ToList();
        var formats = workbook.WorkbookStylesPart.Stylesheet.CellFormats!.Elements<CellFormat>().ToList();
        bool IsBold(Cell c) => fonts[(int)formats[(int)(c.StyleIndex?.Value ?? 0)].FontId!.Value].Bold is not null;
        var rows = sheet.Descendants<Row>().ToList();
        Assert.All(rows[0].Elements<Cell>(), c => Assert.True(IsBold(c)));
        Assert.False(IsBold(rows[1].Elements<Cell>().Single()));

        Assert.Equal([30d, 16, 16, 20, 16, 16], sheet.Descendants<Column>().Select(c => c.Width!.Value));
        Assert.Equal("数据", workbook.Workbook.Sheets!.Elements<Sheet>().Single().Name!.Value);
    }

    [Fact]
    public void Rows_reach_the_output_while_writing_instead_of_at_the_end()
    {
        var output = new MemoryStream();
        using var writer = XlsxWriter.Create(output, "数据", Columns);
        for (var i = 0; i < 20_000; i++) writer.WriteRow($"第{i}行审计记录", i, i * 1.5, DateTime.Today, null, "备注备注备注");

        // A package that buffers its parts (SpreadsheetDocument on .NET) would still be nearly empty here.
        Assert.True(output.Length > 100_000, $"only {output.Length} bytes written after 20,000 rows");
    }

    [Fact]
    public void Writes_to_a_forward_only_stream()
    {
        var target = new MemoryStream();
        using (var writer = XlsxWriter.Create(new ForwardOnlyStream(target), "数据", Columns))
            writer.WriteRow("不可回退的输出流", 1);

        var rows = XlsxReader.ReadRows(new MemoryStream(target.ToArray()));

        Assert.Equal("不可回退的输出流", rows[1][0]);
    }

    [Fact]
    public void Control_characters_and_overlong_text_are_made_safe_for_excel()
    {
        var longText = new string('长', XlsxWriter.MaxCellText + 10);
        using var file = Write(w => w.WriteRow("响铃\u0007与空字符\u0000", null, null, null, null, longText));

        var rows = XlsxReader.ReadRows(file);

        Assert.Equal("响铃\uFFFD与空字符\uFFFD", rows[1][0]);
        Assert.Equal(XlsxWriter.MaxCellText, rows[1][5].Length);
        Assert.EndsWith("…", rows[1][5]);
    }

    [Fact]
    public void Text_that_looks_like_a_formula_stays_text()
    {
        using var file = Write(w => w.WriteRow("=HYPERLINK(\"http://example.com\",\"点我\")"));
        using var document = SpreadsheetDocument.Open(file, false);

        var cell = document.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Row>().ElementAt(1).Elements<Cell>().Single();

        Assert.Null(cell.CellFormula);
        Assert.Equal(CellValues.InlineString, cell.DataType!.Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("一个超过三十一个字符的工作表名称一个超过三十一个字符的工作表名称")]
    [InlineData("审计/日志")]
    [InlineData("[审计]")]
    public void Invalid_sheet_names_are_refused(string name) =>
        Assert.Throws<ArgumentException>(() => XlsxWriter.Create(new MemoryStream(), name, Columns));

    [Fact]
    public void A_row_wider_than_the_header_is_refused()
    {
        using var writer = XlsxWriter.Create(new MemoryStream(), "数据", [new XlsxColumn("唯一列")]);
        Assert.Throws<ArgumentException>(() => writer.WriteRow("一", "二"));
    }

    [Theory]
    [InlineData(0, "A")]
    [InlineData(25, "Z")]
    [InlineData(26, "AA")]
    [InlineData(701, "ZZ")]
    [InlineData(702, "AAA")]
    public void Column_names_follow_excel_lettering(int index, string name)
    {
        Assert.Equal(name, XlsxWriter.ColumnName(index));
        Assert.Equal(index, XlsxReader.ColumnIndex(name + "12"));
    }

    /// <summary>Like an HTTP response body: write-only, no seeking, no length.</summary>
    private sealed class ForwardOnlyStream(Stream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }
}
