using Microsoft.AspNetCore.Identity;

namespace GovDataPortal.Features.Identity;

/// <summary>At least 10 characters drawn from at least three of: upper case, lower case, digits, symbols.</summary>
public sealed class ThreeOfFourClassesPasswordValidator : IPasswordValidator<PortalUser>
{
    public const int MinimumLength = 10;

    /// <summary>The rule as every password field states it (under 新密码, 初始密码).</summary>
    public static readonly string Rule = $"至少 {MinimumLength} 位，包含大写字母、小写字母、数字、特殊符号中的至少三类。";

    public Task<IdentityResult> ValidateAsync(UserManager<PortalUser> manager, PortalUser user, string? password)
    {
        var error = Check(password);
        return Task.FromResult(error is null
            ? IdentityResult.Success
            : IdentityResult.Failed(new IdentityError { Code = "PasswordPolicy", Description = error }));
    }

    public static string? Check(string? password)
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinimumLength)
            return $"密码至少需要{MinimumLength}个字符。";
        var classes = new[]
        {
            password.Any(char.IsUpper), password.Any(char.IsLower), password.Any(char.IsDigit),
            password.Any(c => !char.IsLetterOrDigit(c)),
        }.Count(x => x);
        return classes >= 3 ? null : "密码须包含大写字母、小写字母、数字、特殊符号中的至少三类。";
    }
}

/// <summary>Identity's messages in Chinese.</summary>
public sealed class ChineseIdentityErrorDescriber : IdentityErrorDescriber
{
    public override IdentityError DefaultError() => E(nameof(DefaultError), "操作失败，请稍后重试。");
    public override IdentityError ConcurrencyFailure() => E(nameof(ConcurrencyFailure), "数据已被他人修改，请刷新后重试。");
    public override IdentityError PasswordMismatch() => E(nameof(PasswordMismatch), "密码不正确。");
    public override IdentityError InvalidToken() => E(nameof(InvalidToken), "令牌无效。");
    public override IdentityError LoginAlreadyAssociated() => E(nameof(LoginAlreadyAssociated), "该登录方式已关联其他用户。");
    public override IdentityError InvalidUserName(string? userName) => E(nameof(InvalidUserName), $"用户名“{userName}”无效，只能包含字母、数字和 -._@+。");
    public override IdentityError InvalidEmail(string? email) => E(nameof(InvalidEmail), $"电子邮箱“{email}”格式不正确。");
    public override IdentityError DuplicateUserName(string userName) => E(nameof(DuplicateUserName), $"用户名“{userName}”已被使用。");
    public override IdentityError DuplicateEmail(string email) => E(nameof(DuplicateEmail), $"电子邮箱“{email}”已被使用。");
    public override IdentityError InvalidRoleName(string? role) => E(nameof(InvalidRoleName), $"角色名“{role}”无效。");
    public override IdentityError DuplicateRoleName(string role) => E(nameof(DuplicateRoleName), $"角色“{role}”已存在。");
    public override IdentityError UserAlreadyHasPassword() => E(nameof(UserAlreadyHasPassword), "该用户已设置密码。");
    public override IdentityError UserLockoutNotEnabled() => E(nameof(UserLockoutNotEnabled), "该用户未启用锁定。");
    public override IdentityError UserAlreadyInRole(string role) => E(nameof(UserAlreadyInRole), $"用户已拥有角色“{PortalRoles.DisplayName(role)}”。");
    public override IdentityError UserNotInRole(string role) => E(nameof(UserNotInRole), $"用户没有角色“{PortalRoles.DisplayName(role)}”。");
    public override IdentityError PasswordTooShort(int length) => E(nameof(PasswordTooShort), $"密码至少需要{length}个字符。");
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => E(nameof(PasswordRequiresUniqueChars), $"密码至少需要{uniqueChars}个不同字符。");
    public override IdentityError PasswordRequiresNonAlphanumeric() => E(nameof(PasswordRequiresNonAlphanumeric), "密码须包含特殊符号。");
    public override IdentityError PasswordRequiresDigit() => E(nameof(PasswordRequiresDigit), "密码须包含数字。");
    public override IdentityError PasswordRequiresLower() => E(nameof(PasswordRequiresLower), "密码须包含小写字母。");
    public override IdentityError PasswordRequiresUpper() => E(nameof(PasswordRequiresUpper), "密码须包含大写字母。");

    private static IdentityError E(string code, string description) => new() { Code = code, Description = description };
}
