using GovDataPortal.Infrastructure;

namespace GovDataPortal.Tests.Infrastructure;

/// <summary>The one rule for text input (NUL and other control characters refused, NFC, trimmed, invisible = empty).</summary>
public class InputTextTests
{
    [Theory]
    [InlineData("a\0b")]
    [InlineData("\u0001")]
    [InlineData("名称\u001B")]
    [InlineData("\u007F")]
    [InlineData("x\u0085")] // C1 NEXT LINE
    [InlineData("x\u009F")]
    public void Control_characters_and_lone_surrogates_are_refused(string value)
    {
        Assert.True(InputText.IsRefused(value));
        Assert.False(InputText.TryClean(value, out _));
    }

    [Fact]
    public void Lone_surrogate_halves_are_refused()
    {
        // Built here: xUnit cannot carry an unpaired half through InlineData intact.
        Assert.True(InputText.IsRefused("lone " + (char)0xD800 + " half"));
        Assert.True(InputText.IsRefused(((char)0xDC00).ToString()));
        Assert.True(InputText.IsRefused("end" + (char)0xD83D));
        Assert.False(InputText.TryClean("x" + (char)0xDC00 + (char)0xD800, out _)); // reversed pair
    }

    [Theory]
    [InlineData("第一行\r\n第二行\t制表")]
    [InlineData("emoji 😀 pair")]
    [InlineData("普通文本")]
    [InlineData("")]
    [InlineData(null)]
    public void Tab_CR_LF_surrogate_pairs_and_plain_text_are_accepted(string? value)
    {
        Assert.False(InputText.IsRefused(value));
        Assert.True(InputText.TryClean(value, out _));
    }

    [Fact]
    public void Text_is_NFC_normalised_and_trimmed()
    {
        Assert.True(InputText.TryClean("  e\u0301cole\u3000\n", out var cleaned));
        Assert.Equal("\u00E9cole", cleaned);
    }

    [Theory]
    [InlineData("\u200B")]
    [InlineData("\u200B\u200C\u200D")]
    [InlineData("\uFEFF \u2060 \u3000")]
    [InlineData("   ")]
    public void A_value_made_only_of_invisible_characters_is_empty(string value)
    {
        Assert.Equal("", InputText.Normalise(value));
        Assert.True(InputText.IsBlank(value));
        Assert.Null(InputText.NullIfBlank(value));
    }

    [Fact]
    public void Invisible_characters_inside_visible_text_stay()
    {
        Assert.Equal("a\u200Db", InputText.Normalise("\u200Ba\u200Db\uFEFF"));
    }

    [Fact]
    public void A_search_term_drops_control_characters_instead_of_failing()
    {
        Assert.Equal("公安局", InputText.Term("公安\0局"));
        Assert.Null(InputText.Term("\0\u200B"));
        Assert.Equal("😀", InputText.Term("\u0001😀"));
    }

    [Fact]
    public void A_required_field_of_zero_width_spaces_gets_the_required_error()
    {
        var errors = new ValidationErrors().Require("name", "\u200B\u200B", "部门名称", 100);

        Assert.Equal(["请填写部门名称。"], errors.ByField["name"]);
    }

    [Fact]
    public void A_required_field_with_a_NUL_gets_the_control_character_error_naming_the_field()
    {
        var errors = new ValidationErrors().Require("name", "双牌县\0局", "部门名称", 100).Optional("note", "\u0007", "备注", 10);

        Assert.Equal(["部门名称包含不允许的控制字符。"], errors.ByField["name"]);
        Assert.Equal(["备注包含不允许的控制字符。"], errors.ByField["note"]);
    }

    [Fact]
    public void Length_limits_count_the_cleaned_value()
    {
        Assert.True(new ValidationErrors().Require("name", "  \u200Bab\u200B  ", "名称", 2).IsValid);
        Assert.False(new ValidationErrors().Optional("name", "abc", "名称", 2).IsValid);
    }
}
