using GovDataPortal.Features.Organisation;

namespace GovDataPortal.Tests.Features.Organisation;

public class UnifiedSocialCreditCodeTests
{
    // Published codes of real organisations (GB 32100 check digits verified by hand).
    [Theory]
    [InlineData("91350100M000100Y43")]
    [InlineData("11100000000013127D")]
    [InlineData("91110000802100433B")]
    public void Valid_codes_pass(string code) => Assert.Null(UnifiedSocialCreditCode.Validate(code));

    [Fact]
    public void Wrong_check_digit_is_refused_naming_the_expected_one()
    {
        var error = UnifiedSocialCreditCode.Validate("91350100M000100Y44");
        Assert.NotNull(error);
        Assert.Contains("校验位错误", error);
        Assert.Contains("“3”", error);
    }

    [Theory]
    [InlineData("91350100M000100Y4", "17位")]
    [InlineData("91350100M000100Y433", "19位")]
    [InlineData("", "请填写")]
    public void Wrong_length_is_refused(string code, string expected) =>
        Assert.Contains(expected, UnifiedSocialCreditCode.Validate(code));

    [Fact]
    public void Lowercase_letters_are_refused_but_normalise_to_a_valid_code()
    {
        Assert.Contains("大写", UnifiedSocialCreditCode.Validate("91350100m000100y43"));
        Assert.True(UnifiedSocialCreditCode.IsValid(UnifiedSocialCreditCode.Normalise(" 91350100m000100y43 ")));
    }

    [Theory]
    [InlineData('I')]
    [InlineData('O')]
    [InlineData('Z')]
    [InlineData('S')]
    [InlineData('V')]
    public void Letters_outside_the_alphabet_are_refused(char letter) =>
        Assert.Contains("不允许的字符", UnifiedSocialCreditCode.Validate($"91350100M000100{letter}43"));

    [Fact]
    public void Completed_demo_codes_validate() =>
        Assert.True(UnifiedSocialCreditCode.IsValid(UnifiedSocialCreditCode.Complete("11431123730510000")));
}
