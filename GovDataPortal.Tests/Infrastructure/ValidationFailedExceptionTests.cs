using GovDataPortal.Infrastructure;

namespace GovDataPortal.Tests.Infrastructure;

/// <summary>Several rule messages shown as one: one sentence, no "。；" between them (regression: submitting an import).</summary>
public class ValidationFailedExceptionTests
{
    [Fact]
    public void Messages_are_joined_into_one_sentence_without_doubled_punctuation()
    {
        var errors = new ValidationErrors();
        errors.Add("Name", "“甲”：名称不能为空。");
        errors.Add("ShareConditions", "“乙”：须写明查阅方式（依据第二十三条）。");
        errors.Add("Basis", "须填写依据；");

        var e = new ValidationFailedException(errors);

        Assert.Equal("“甲”：名称不能为空；“乙”：须写明查阅方式（依据第二十三条）；须填写依据。", e.Message);
    }
}
