using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using GovDataPortal.Infrastructure.Excel;

namespace GovDataPortal.Tests.Infrastructure.Excel;

/// <summary>Files as Excel writes them: shared strings, sparse cells, skipped rows, styled dates.</summary>
public class XlsxReaderTests
{
    [Fact]
    public void Shared_strings_rich_text_sparse_cells_and_skipped_rows_are_read_in_place()
    {
        using var file = Workbook(
            new Row(SharedCell("A1", 0), SharedCell("C1", 1)) { RowIndex = 1 },
            new Row(new Cell { CellReference = "B3", CellValue = new CellValue("7") },
                new Cell { CellReference = "D3", DataType = CellValues.Boolean, CellValue = new CellValue("1") }) { RowIndex = 3 });

        var rows = XlsxReader.ReadRows(file);

        Assert.Equal(3, rows.Count);
        Assert.Equal(["部门名称", "", "数据资源目录", ""], rows[0]);
        Assert.Equal(["", "", "", ""], rows[1]);
        Assert.Equal(["", "7", "", "TRUE"], rows[2]);
    }

    [Fact]
    public void Numbers_come_back_as_their_date_format_shows_them_and_others_as_numbers()
    {
        var serial = new DateTime(2026, 11, 20, 10, 30, 0).ToOADate().ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var file = Workbook(new Row(
            new Cell { CellReference = "A1", CellValue = new CellValue(serial), StyleIndex = 1 }, // built-in 14 (m/d/yyyy)
            new Cell { CellReference = "B1", CellValue = new CellValue(serial), StyleIndex = 2 }, // custom yyyy"年"m"月"d"日" hh:mm
            new Cell { CellReference = "C1", CellValue = new CellValue("46346.5"), StyleIndex = 3 }) // custom 0.00"天"
        { RowIndex = 1 });

        var row = XlsxReader.ReadRows(file).Single();

        Assert.Equal(["2026-11-20", "2026-11-20 10:30:00", "46346.5"], row);
    }

    [Fact]
    public void A_forward_only_input_is_read_too()
    {
        var bytes = Workbook(new Row(SharedCell("A1", 0)) { RowIndex = 1 }).ToArray();

        var rows = XlsxReader.ReadRows(new NonSeekableReadStream(bytes));

        Assert.Equal("部门名称", rows.Single().Single());
    }

    private static Cell SharedCell(string reference, int index) =>
        new() { CellReference = reference, DataType = CellValues.SharedString, CellValue = new CellValue(index.ToString(System.Globalization.CultureInfo.InvariantCulture)) };

    private static MemoryStream Workbook(params Row[] rows)
    {
        var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            var sheet = workbook.AddNewPart<WorksheetPart>();
            sheet.Worksheet = new Worksheet(new SheetData(rows));
            workbook.AddNewPart<SharedStringTablePart>().SharedStringTable = new SharedStringTable(
                new SharedStringItem(new Text("部门名称")),
                // Rich text: runs, plus a phonetic hint that is not part of the text.
                new SharedStringItem(new Run(new Text("数据")), new Run(new RunProperties(new Bold()), new Text("资源目录")),
                    new PhoneticRun(new Text("シリョウ")) { BaseTextStartIndex = 0, EndingBaseIndex = 1 }));
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = new Stylesheet(
                new NumberingFormats(
                    new NumberingFormat { NumberFormatId = 164, FormatCode = "yyyy\"年\"m\"月\"d\"日\" hh:mm" },
                    new NumberingFormat { NumberFormatId = 165, FormatCode = "0.00\"天\"" }),
                new Fonts(new Font()), new Fills(new Fill()), new Borders(new Border()),
                new CellFormats(new CellFormat(), new CellFormat { NumberFormatId = 14 }, new CellFormat { NumberFormatId = 164 },
                    new CellFormat { NumberFormatId = 165 }));
            workbook.Workbook = new Workbook(new Sheets(new Sheet { Name = "Sheet1", SheetId = 1, Id = workbook.GetIdOfPart(sheet) }));
        }
        stream.Position = 0;
        return stream;
    }

    private sealed class NonSeekableReadStream(byte[] bytes) : Stream
    {
        private readonly MemoryStream _inner = new(bytes);
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
