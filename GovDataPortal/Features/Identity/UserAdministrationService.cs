using System.Text.RegularExpressions;
using GovDataPortal.Features.Audit;
using GovDataPortal.Features.Organisation;
using GovDataPortal.Features.Policies;
using GovDataPortal.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace GovDataPortal.Features.Identity;

/// <summary>One user as the administration pages show it. <see cref="LockedUntil"/> is null unless locked now.</summary>
public sealed record UserRow(
    string Id, string UserName, string DisplayName, int DepartmentId, string DepartmentName, string? Phone,
    IReadOnlyList<string> Roles, DateTimeOffset? LockedUntil)
{
    public bool IsLocked => LockedUntil is not null;
    public string RoleNames => Roles.Count == 0 ? "（无）" : string.Join("、", Roles.Select(PortalRoles.DisplayName));
    public string Label => $"{DisplayName}（{UserName}，{DepartmentName}）";
}

/// <summary>One page of users and how many match the filter in all.</summary>
public sealed record UserPage(IReadOnlyList<UserRow> Items, int Total);

public sealed record DepartmentMember(string UserName, string DisplayName, IReadOnlyList<string> Roles);

public sealed record DepartmentOption(int Id, string Name, bool IsRegionDataAuthority);

public sealed record MyProfile(string UserName, string DisplayName, int DepartmentId, string DepartmentName, IReadOnlyList<string> Roles)
{
    public string RoleNames => Roles.Count == 0 ? "（无）" : string.Join("、", Roles.Select(PortalRoles.DisplayName));
}

/// <summary>
/// Users and roles. The system administrator maintains accounts; only the security administrator grants roles,
/// and never in a combination the separation of duties forbids (佛山 佛府办〔2020〕4号 第四十二条). Every person may
/// read their own account and change their own password. Identity's UserManager holds a DbContext, so each
/// operation gets a short scope of its own acting as the current actor.
/// </summary>
public sealed partial class UserAdministrationService(
    IDbContextFactory<PortalDbContext> factory,
    IServiceScopeFactory scopes,
    CurrentActor actor,
    AuditLog audit,
    TimeProvider clock,
    PolicyCatalog policies)
{
    public const int UserNameMaxLength = 50;
    public const int DisplayNameMaxLength = 50;

    // ---- Reading ----

    public async Task<IReadOnlyList<UserRow>> ListUsersAsync(int? departmentId = null, string? search = null, CancellationToken ct = default)
    {
        // Security administrators read the list too: it is where they pick whom to grant roles.
        actor.RequireRole(PortalRoles.SystemAdmin, PortalRoles.SecurityAdmin);
        await using var db = await factory.CreateDbContextAsync(ct);
        return await ToRowsAsync(db, InListOrder(Filter(db.Users.AsNoTracking(), departmentId, search)), ct);
    }

    /// <summary>Most rows one page of a grid may ask for; a larger request gets this many.</summary>
    public const int MaxPageSize = 100;

    /// <summary>
    /// One page of users, filtered, counted and sorted in SQL (for the user grid and the role page's user search).
    /// <paramref name="sortBy"/> names a <see cref="UserRow"/> property (DisplayName, UserName, DepartmentName);
    /// anything else keeps the list order (department, then user name).
    /// </summary>
    public async Task<UserPage> PageUsersAsync(int? departmentId, string? search, int skip, int take,
        string? sortBy = null, bool descending = false, CancellationToken ct = default)
    {
        actor.RequireRole(PortalRoles.SystemAdmin, PortalRoles.SecurityAdmin);
        await using var db = await factory.CreateDbContextAsync(ct);
        var users = Filter(db.Users.AsNoTracking(), departmentId, search);
        var total = await users.CountAsync(ct);
        IQueryable<PortalUser> ordered = sortBy switch
        {
            nameof(UserRow.DisplayName) => users.OrderedBy(u => u.DisplayName, descending).ThenBy(u => u.UserName),
            nameof(UserRow.UserName) => users.OrderedBy(u => u.UserName, descending),
            nameof(UserRow.DepartmentName) => users.OrderedBy(u => u.Department!.Name, descending).ThenBy(u => u.UserName),
            _ => InListOrder(users),
        };
        var page = ordered.Skip(Math.Max(skip, 0)).Take(Math.Clamp(take, 1, MaxPageSize));
        return new UserPage(await ToRowsAsync(db, page, ct), total);
    }

    private static IQueryable<PortalUser> Filter(IQueryable<PortalUser> users, int? departmentId, string? search)
    {
        if (departmentId is { } id) users = users.Where(u => u.DepartmentId == id);
        if (InputText.Term(search) is { } text)
        {
            var upper = text.ToUpperInvariant();
            users = users.Where(u => u.DisplayName.Contains(text) || u.NormalizedUserName!.Contains(upper));
        }
        return users;
    }

    private static IQueryable<PortalUser> InListOrder(IQueryable<PortalUser> users) =>
        users.OrderBy(u => u.Department!.Name).ThenBy(u => u.UserName);

    public async Task<UserRow?> GetUserAsync(string userId, CancellationToken ct = default)
    {
        actor.RequireRole(PortalRoles.SystemAdmin, PortalRoles.SecurityAdmin);
        await using var db = await factory.CreateDbContextAsync(ct);
        return (await ToRowsAsync(db, db.Users.AsNoTracking().Where(u => u.Id == userId), ct)).FirstOrDefault();
    }

    public async Task<IReadOnlyList<DepartmentOption>> ListDepartmentsAsync(CancellationToken ct = default)
    {
        actor.RequireRole(PortalRoles.SystemAdmin, PortalRoles.SecurityAdmin);
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Departments.AsNoTracking().OrderBy(d => d.Name)
            .Select(d => new DepartmentOption(d.Id, d.Name, d.IsRegionDataAuthority)).ToListAsync(ct);
    }

    /// <summary>A department's members: private to the department (and to the administrators of all departments).</summary>
    public async Task<IReadOnlyList<DepartmentMember>> ListDepartmentUsersAsync(int departmentId, CancellationToken ct = default)
    {
        actor.RequireDepartment(departmentId);
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await ToRowsAsync(db, InListOrder(db.Users.AsNoTracking().Where(u => u.DepartmentId == departmentId)), ct);
        return rows.Select(r => new DepartmentMember(r.UserName, r.DisplayName, r.Roles)).ToList();
    }

    public async Task<MyProfile> GetMyProfileAsync(CancellationToken ct = default)
    {
        actor.RequireSignedIn();
        await using var db = await factory.CreateDbContextAsync(ct);
        var row = (await ToRowsAsync(db, db.Users.AsNoTracking().Where(u => u.Id == actor.UserId), ct)).FirstOrDefault()
            ?? throw new AccessDeniedException("账户不存在或已被删除。");
        return new MyProfile(row.UserName, row.DisplayName, row.DepartmentId, row.DepartmentName, row.Roles);
    }

    /// <summary>The users as rows, in the order the query gives (the caller sorts and pages).</summary>
    private async Task<List<UserRow>> ToRowsAsync(PortalDbContext db, IQueryable<PortalUser> users, CancellationToken ct)
    {
        var rows = await users
            .Select(u => new { u.Id, u.UserName, u.DisplayName, u.DepartmentId, Department = u.Department!.Name, u.PhoneNumber, u.LockoutEnd })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        // A role's id is its key name (RoleConfiguration), so no join to the roles table is needed.
        var roles = (await db.UserRoles.AsNoTracking().Where(r => ids.Contains(r.UserId)).ToListAsync(ct))
            .ToLookup(r => r.UserId, r => r.RoleId);
        var now = clock.GetUtcNow();
        return rows.Select(r => new UserRow(r.Id, r.UserName ?? "", r.DisplayName, r.DepartmentId, r.Department, r.PhoneNumber,
            InCanonicalOrder(roles[r.Id]), r.LockoutEnd > now ? r.LockoutEnd : null)).ToList();
    }

    private static List<string> InCanonicalOrder(IEnumerable<string> roles) =>
        PortalRoles.All.Where(roles.Contains).ToList();

    // ---- Accounts (system administrator) ----

    /// <summary>Creates an account; every field is checked before anything is saved. Returns the new user's id.</summary>
    public async Task<string> CreateUserAsync(string userName, string displayName, int departmentId, string? phone,
        string initialPassword, CancellationToken ct = default)
    {
        actor.RequireRole(PortalRoles.SystemAdmin);
        await using var scope = scopes.CreateActingScope(actor);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();

        var errors = new ValidationErrors();
        await CheckUserNameAsync(errors, users, userName);
        await CheckAccountFieldsAsync(errors, displayName, departmentId, phone, ct);
        if (ThreeOfFourClassesPasswordValidator.Check(initialPassword) is { } weak) errors.Add("Password", weak);
        errors.ThrowIfInvalid();

        var user = new PortalUser
        {
            UserName = InputText.Normalise(userName),
            DisplayName = InputText.Normalise(displayName)!,
            DepartmentId = departmentId,
            PhoneNumber = BlankToNull(phone),
            CreatedAt = clock.GetUtcNow(),
            // The administrator chose the first password: the user replaces it at first sign-in (GB/T 22239-2019 8.1.4.1 a).
            MustChangePassword = true,
        };
        try
        {
            ThrowIfFailed(await users.CreateAsync(user, initialPassword), passwordField: "Password");
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            // The same name was created between the check above and this insert (Identity's unique UserNameIndex).
            throw new ValidationFailedException(new ValidationErrors().Add("UserName", $"用户名“{user.UserName}”已被使用。"));
        }
        return user.Id;
    }

    public async Task UpdateUserAsync(string userId, string displayName, int departmentId, string? phone, CancellationToken ct = default)
    {
        actor.RequireRole(PortalRoles.SystemAdmin);
        var errors = new ValidationErrors();
        var department = await CheckAccountFieldsAsync(errors, displayName, departmentId, phone, ct);
        errors.ThrowIfInvalid();

        await using var scope = scopes.CreateActingScope(actor);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = await FindAsync(users, userId);
        if (user.DepartmentId != departmentId && !department!.IsRegionDataAuthority
            && await users.IsInRoleAsync(user, PortalRoles.AuthorityReviewer))
            throw new DomainException(
                "该用户担任主管部门审核人，只能属于本区域数据主管部门；如需调往其他部门，请先由安全管理员撤销该角色。", "DepartmentId");

        if (user.DepartmentId != departmentId)
        {
            // A 数据管理员 is registered for the department they serve (龙岩 Art. 5, Art. 26): moving away ends it,
            // in the same save as the move (UserManager's store shares this scope's context).
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            db.DataAdministrators.RemoveRange(await db.DataAdministrators.Where(a => a.UserId == user.Id).ToListAsync(ct));
        }
        user.DisplayName = InputText.Normalise(displayName)!;
        user.DepartmentId = departmentId;
        user.PhoneNumber = BlankToNull(phone);
        ThrowIfFailed(await users.UpdateAsync(user), passwordField: "Password");
    }

    public async Task UnlockUserAsync(string userId, CancellationToken ct = default)
    {
        actor.RequireRole(PortalRoles.SystemAdmin);
        await using var scope = scopes.CreateActingScope(actor);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = await FindAsync(users, userId);
        ThrowIfFailed(await users.SetLockoutEndDateAsync(user, null), passwordField: "Password");
        ThrowIfFailed(await users.ResetAccessFailedCountAsync(user), passwordField: "Password");
        // The lockout columns are book-keeping the audit interceptor skips; an administrator lifting a lock is not.
        await audit.WriteAsync(AuditActions.Update, nameof(PortalUser), user.Id, new { 操作 = "解除锁定", 用户名 = user.UserName }, ct);
    }

    public async Task ResetPasswordAsync(string userId, string newPassword, CancellationToken ct = default)
    {
        actor.RequireRole(PortalRoles.SystemAdmin);
        if (ThreeOfFourClassesPasswordValidator.Check(newPassword) is { } weak)
            throw new ValidationFailedException(new ValidationErrors().Add("Password", weak));

        await using var scope = scopes.CreateActingScope(actor);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = await FindAsync(users, userId);
        // The administrator knows this password: the user must replace it at next sign-in (GB/T 22239-2019 8.1.4.1 a),
        // and whoever is signed in as the user now is signed out, in the same transaction as the new password.
        user.MustChangePassword = true;
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Through a reset token rather than remove + add: one save, and the security stamp changes with it.
        var token = await users.GeneratePasswordResetTokenAsync(user);
        ThrowIfFailed(await users.ResetPasswordAsync(user, token, newPassword), passwordField: "Password");
        await SessionService.EndAllAsync(db, user.Id, SessionEndReason.PasswordReset, clock.GetUtcNow(), ct: ct);
        await tx.CommitAsync(ct);
    }

    // ---- Roles (security administrator) ----

    /// <summary>
    /// Replaces a user's roles. The proposed set is checked against the separation of duties first and refused whole;
    /// otherwise all grants and revocations are saved in one SaveChanges — one transaction with their audit records.
    /// </summary>
    public async Task<IReadOnlyList<string>> SetRolesAsync(string userId, IEnumerable<string> roles, CancellationToken ct = default)
    {
        actor.RequireRole(PortalRoles.SecurityAdmin);
        // Nobody grants themselves power (佛山 第四十二条: the duties are held by different people).
        if (userId == actor.UserId)
            throw new DomainException("安全管理员不能修改自己的角色，请由其他安全管理员办理。", "Roles");

        await using var db = await factory.CreateDbContextAsync(ct);
        var user = await db.Users.Include(u => u.Department).FirstOrDefaultAsync(u => u.Id == userId, ct)
            ?? throw new DomainException("用户不存在。");
        var proposed = roles.Distinct(StringComparer.Ordinal).ToList();
        if (SeparationOfDuties.Check(proposed, departmentIsDataAuthority: user.Department!.IsRegionDataAuthority,
                SeparationOfDuties.Citation(policies.Active)) is { } refusal)
            throw new DomainException(refusal, "Roles");

        var current = await db.UserRoles.Where(r => r.UserId == userId).ToListAsync(ct);
        var revoked = current.Where(r => !proposed.Contains(r.RoleId)).ToList();
        var granted = proposed.Except(current.Select(r => r.RoleId)).ToList();
        if (revoked.Count == 0 && granted.Count == 0) return InCanonicalOrder(proposed);

        db.UserRoles.RemoveRange(revoked);
        db.UserRoles.AddRange(granted.Select(r => new IdentityUserRole<string> { UserId = userId, RoleId = r }));
        // New stamps, and the user's open sessions end with the change: their cookies carry the old roles.
        user.SecurityStamp = Guid.NewGuid().ToString();
        user.ConcurrencyStamp = Guid.NewGuid().ToString();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await SessionService.EndAllAsync(db, userId, SessionEndReason.RolesChanged, clock.GetUtcNow(), ct: ct);
        await tx.CommitAsync(ct);
        return InCanonicalOrder(proposed);
    }

    // ---- Own account (anyone signed in) ----

    public async Task ChangeMyPasswordAsync(string currentPassword, string newPassword, string confirmPassword, CancellationToken ct = default)
    {
        actor.RequireSignedIn();
        var errors = new ValidationErrors();
        if (string.IsNullOrEmpty(currentPassword)) errors.Add("CurrentPassword", "请填写当前密码。");
        if (ThreeOfFourClassesPasswordValidator.Check(newPassword) is { } weak) errors.Add("NewPassword", weak);
        else if (newPassword == currentPassword) errors.Add("NewPassword", "新密码不能与当前密码相同。");
        if (confirmPassword != newPassword) errors.Add("ConfirmPassword", "两次输入的新密码不一致。");
        errors.ThrowIfInvalid();

        await using var scope = scopes.CreateActingScope(actor);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = await FindAsync(users, actor.UserId!);
        user.MustChangePassword = false;
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var result = await users.ChangePasswordAsync(user, currentPassword, newPassword);
        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)))
            throw new ValidationFailedException(new ValidationErrors().Add("CurrentPassword", "当前密码不正确。"));
        ThrowIfFailed(result, passwordField: "NewPassword");
        // Every other session of the user ends; the one the change was made in goes on.
        await SessionService.KeepOnlyAfterPasswordChangeAsync(db, user, SessionService.SessionIdOf(actor.Principal), clock.GetUtcNow(), ct);
        await tx.CommitAsync(ct);
    }

    // ---- Checks ----

    private static async Task CheckUserNameAsync(ValidationErrors errors, UserManager<PortalUser> users, string? userName)
    {
        errors.Require("UserName", userName, "用户名", UserNameMaxLength);
        if (errors.ByField.ContainsKey("UserName")) return;
        var name = InputText.Normalise(userName)!;
        // The same characters Identity allows by default (IdentityOptions.User.AllowedUserNameCharacters).
        if (!UserNamePattern().IsMatch(name))
            errors.Add("UserName", "用户名只能包含英文字母、数字和 -._@+ 符号。");
        else if (await users.FindByNameAsync(name) is not null)
            errors.Add("UserName", $"用户名“{name}”已被使用。");
    }

    /// <summary>Checks name, department and phone; returns the department when it exists.</summary>
    private async Task<Department?> CheckAccountFieldsAsync(ValidationErrors errors, string? displayName, int departmentId,
        string? phone, CancellationToken ct)
    {
        errors.Require("DisplayName", displayName, "姓名", DisplayNameMaxLength);
        await using var db = await factory.CreateDbContextAsync(ct);
        var department = await db.Departments.AsNoTracking().FirstOrDefaultAsync(d => d.Id == departmentId, ct);
        if (department is null) errors.Add("DepartmentId", departmentId <= 0 ? "请选择所属部门。" : "所选部门不存在。");
        // The phone is optional here, but when given it follows the portal's one phone rule.
        if (BlankToNull(phone) is { } p && ContactPhone.Validate(p) is { } wrongPhone) errors.Add("Phone", wrongPhone);
        return department;
    }

    private static async Task<PortalUser> FindAsync(UserManager<PortalUser> users, string userId) =>
        await users.FindByIdAsync(userId) ?? throw new DomainException("用户不存在。");

    /// <summary>Identity's refusals as field errors: password rules on the password field, name rules on the user name.</summary>
    private static void ThrowIfFailed(IdentityResult result, string passwordField)
    {
        if (result.Succeeded) return;
        var errors = new ValidationErrors();
        foreach (var e in result.Errors)
        {
            var field = e.Code.StartsWith("Password", StringComparison.Ordinal) ? passwordField
                : e.Code.Contains("UserName", StringComparison.Ordinal) ? "UserName"
                : null;
            if (field is null) throw new DomainException(e.Description);
            errors.Add(field, e.Description);
        }
        errors.ThrowIfInvalid();
    }

    private static string? BlankToNull(string? value) => InputText.NullIfBlank(value);

    [GeneratedRegex(@"^[A-Za-z0-9\-._@+]+$")]
    private static partial Regex UserNamePattern();
}
