using GovDataPortal.Features.Attachments;

namespace GovDataPortal.Tests.Features.Attachments;

/// <summary>Stored file names: only the last path segment, whichever separator the sender used, cleaned by the input rule.</summary>
public class AttachmentNameTests
{
    [Theory]
    [InlineData("..\\..\\evil.txt", "evil.txt")]
    [InlineData("C:\\x\\a.xlsx", "a.xlsx")]
    [InlineData("a/b/c.pdf", "c.pdf")]
    [InlineData("../../etc/passwd.pdf", "passwd.pdf")]
    [InlineData("mixed/dir\\子目录/证明.pdf", "证明.pdf")]
    [InlineData(" 营业执照.pdf ", "营业执照.pdf")]
    [InlineData("e\u0301.pdf", "\u00E9.pdf")]
    [InlineData("plain.pdf", "plain.pdf")]
    public void A_stored_name_keeps_only_the_last_path_segment_under_both_separators(string sent, string stored)
    {
        Assert.Equal(stored, AttachmentRules.StoredName(sent));
    }

    [Theory]
    [InlineData("dir\\")]
    [InlineData("a/")]
    [InlineData("\u200B.\\\u200B")]
    public void A_name_that_is_only_a_path_is_no_file(string sent)
    {
        Assert.Equal("请选择文件。", AttachmentRules.Check(sent, 100));
    }

    [Fact]
    public void A_file_name_with_a_control_character_is_refused()
    {
        Assert.Equal("文件名包含不允许的控制字符。", AttachmentRules.Check("证明\0.pdf", 100));
    }
}
