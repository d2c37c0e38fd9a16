using GovDataPortal.Features.Attachments;
using GovDataPortal.Features.DataChecks;
using GovDataPortal.Infrastructure;
using GovDataPortal.Tests.Support;

namespace GovDataPortal.Tests.Features.DataChecks;

/// <summary>Evidence: PDF, JPG, PNG, XLSX, DOCX or ZIP of at most 10 MB, stored with the check, readable by whoever sees it.</summary>
public class DataCheckEvidenceTests(DataCheckFixture portal) : IClassFixture<DataCheckFixture>
{
    private async Task<string> RefusedAsync(AttachmentUpload evidence)
    {
        var before = await portal.CountsAsync();
        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => portal.RaiseAsync(evidence: evidence));
        Assert.Equal(before, await portal.CountsAsync());
        Assert.Equal(["evidence"], error.Errors.ByField.Keys);
        return error.Errors.ByField["evidence"][0];
    }

    [Fact]
    public async Task A_file_over_ten_megabytes_is_refused_before_it_is_read_and_nothing_is_saved()
    {
        var read = false;
        var message = await RefusedAsync(new AttachmentUpload("扫描件.pdf", Attachment.MaxBytes + 1, () => { read = true; return new MemoryStream(); }));

        Assert.Equal("文件不能超过 10 MB。", message);
        Assert.False(read);
    }

    [Fact]
    public async Task A_file_larger_than_it_claims_is_refused_by_its_real_size()
    {
        var content = new byte[Attachment.MaxBytes + 1];
        "%PDF-"u8.CopyTo(content);

        Assert.Equal("文件不能超过 10 MB。", await RefusedAsync(EvidenceFiles.Upload("扫描件.pdf", content, declaredLength: 1000)));
    }

    [Theory]
    [InlineData("安装程序.exe", "不支持该文件类型，仅支持 PDF、JPG、PNG、XLSX、DOCX、ZIP。")]
    [InlineData("说明.txt", "不支持该文件类型，仅支持 PDF、JPG、PNG、XLSX、DOCX、ZIP。")]
    [InlineData("伪装.pdf", "文件内容与扩展名不符。")]
    public async Task A_file_of_another_type_is_refused(string name, string expected)
    {
        Assert.Equal(expected, await RefusedAsync(EvidenceFiles.Upload(name, "MZ\x90\0 not a document"u8.ToArray())));
    }

    [Theory]
    [InlineData("C:\\Users\\张伟\\Desktop\\证明材料.pdf")]
    [InlineData("..\\..\\证明材料.pdf")]
    [InlineData("../../证明材料.pdf")]
    public async Task Evidence_sent_with_a_path_is_stored_under_its_last_segment_only(string sentName)
    {
        var id = await portal.RaiseAsync(evidence: EvidenceFiles.Pdf(sentName));

        Assert.Equal("证明材料.pdf", (await portal.DetailAsync("chenjing", id)).Evidence!.FileName);
    }

    [Fact]
    public async Task Evidence_whose_name_holds_a_NUL_is_refused_naming_the_evidence_field()
    {
        Assert.Equal("文件名包含不允许的控制字符。", await RefusedAsync(EvidenceFiles.Pdf("证明\0材料.pdf")));
    }

    [Fact]
    public async Task An_exactly_ten_megabyte_pdf_is_stored_with_the_check_and_the_provider_downloads_it_but_an_unrelated_department_cannot()
    {
        var id = await portal.RaiseAsync(evidence: EvidenceFiles.Pdf("营业执照.pdf", (int)Attachment.MaxBytes));

        var evidence = (await portal.DetailAsync("chenjing", id)).Evidence!;
        Assert.Equal(("营业执照.pdf", "application/pdf", Attachment.MaxBytes), (evidence.FileName, evidence.ContentType, evidence.Length));
        await using (var scope = await portal.ScopeAsAsync("chenjing"))
        {
            var file = await scope.Get<AttachmentService>().OpenAsync(evidence.Id);
            Assert.Equal(Attachment.MaxBytes, file!.Content.Length);
            Assert.True(file.Content.AsSpan().StartsWith("%PDF-"u8));
        }
        await using (var scope = await portal.ScopeAsAsync("yangfan"))
            await Assert.ThrowsAsync<AccessDeniedException>(() => scope.Get<AttachmentService>().OpenAsync(evidence.Id));
    }

    [Fact]
    public async Task The_download_link_serves_the_file_as_an_attachment_to_a_signed_in_reader()
    {
        var id = await portal.RaiseAsync(evidence: EvidenceFiles.Pdf("证明.pdf"));
        var evidence = (await portal.DetailAsync("zhangwei", id)).Evidence!;
        using var client = await portal.ApiClientAsAsync("chenjing");

        var response = await client.GetAsync($"/api/data-checks/{id}/evidence");

        response.EnsureSuccessStatusCode();
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(evidence.Length, (await response.Content.ReadAsByteArrayAsync()).Length);
    }
}
