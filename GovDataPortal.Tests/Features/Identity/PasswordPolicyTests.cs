using GovDataPortal.Features.Demo;
using GovDataPortal.Features.Identity;
using GovDataPortal.Infrastructure;
using GovDataPortal.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Tests.Features.Identity;

/// <summary>At least 10 characters from at least three of four classes, wherever a password is set.</summary>
public class PasswordPolicyTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private const string TooShort = "Abcdef12!";       // 9 characters, four classes
    private const string TwoClasses = "abcdefgh12";    // lower case and digits only
    private const string ThreeClasses = "Abcdefghi1";  // upper, lower, digit

    [Fact]
    public void Nine_characters_are_refused_even_with_all_four_classes() =>
        Assert.Equal("密码至少需要10个字符。", ThreeOfFourClassesPasswordValidator.Check(TooShort));

    [Fact]
    public void Two_character_classes_are_refused() =>
        Assert.Equal("密码须包含大写字母、小写字母、数字、特殊符号中的至少三类。", ThreeOfFourClassesPasswordValidator.Check(TwoClasses));

    [Theory]
    [InlineData(ThreeClasses)]
    [InlineData("abcdefgh1!")]
    [InlineData("ABCDEFGH1!")]
    [InlineData(DemoAccounts.Password)]
    public void Three_character_classes_of_ten_characters_are_accepted(string password) =>
        Assert.Null(ThreeOfFourClassesPasswordValidator.Check(password));

    [Fact]
    public async Task Identity_itself_applies_the_policy_with_a_chinese_message()
    {
        await using var scope = await portal.ScopeAsAsync("admin");
        var users = scope.Get<UserManager<PortalUser>>();
        var user = new PortalUser { UserName = "policy-direct", DisplayName = "测试", DepartmentId = await portal.DepartmentIdAsync(DemoAccounts.Police) };

        var result = await users.CreateAsync(user, TwoClasses);

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Description == "密码须包含大写字母、小写字母、数字、特殊符号中的至少三类。");
    }

    [Fact]
    public async Task Creating_a_user_with_a_two_class_password_is_refused_on_the_password_field_and_saves_nothing()
    {
        var police = await portal.DepartmentIdAsync(DemoAccounts.Police);
        await using var scope = await portal.ScopeAsAsync("admin");

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            scope.Get<UserAdministrationService>().CreateUserAsync("weakpass", "弱密码", police, null, TwoClasses));

        Assert.Equal(["Password"], refused.Errors.ByField.Keys);
        Assert.Equal(["密码须包含大写字母、小写字母、数字、特殊符号中的至少三类。"], refused.Errors.ByField["Password"]);
        await using var db = await portal.DbAsync();
        Assert.False(await db.Users.AnyAsync(u => u.UserName == "weakpass"));
    }

    [Fact]
    public async Task Creating_a_user_with_a_three_class_password_succeeds_and_the_password_signs_in()
    {
        var police = await portal.DepartmentIdAsync(DemoAccounts.Police);
        await using var scope = await portal.ScopeAsAsync("admin");

        var id = await scope.Get<UserAdministrationService>().CreateUserAsync("goodpass", "强密码", police, null, ThreeClasses);

        var users = scope.Get<UserManager<PortalUser>>();
        var created = await users.FindByIdAsync(id);
        Assert.NotNull(created);
        Assert.True(await users.CheckPasswordAsync(created, ThreeClasses));
    }
}
