using GovDataPortal.Features.Identity;
using GovDataPortal.Features.Policies;
using GovDataPortal.Infrastructure;
using Microsoft.EntityFrameworkCore;
using F = GovDataPortal.Features.Organisation.OrganisationFields;

namespace GovDataPortal.Features.Organisation;

/// <summary>
/// 数据管理员 registration: 龙岩 龙政办〔2020〕91号 Art. 5 has each unit name a person responsible for its data work,
/// Art. 26 has units register their data administrators on the platform. The unit itself (its approver or its
/// leadership) registers them; the system administrator may do so for any unit.
/// </summary>
public sealed partial class OrganisationService
{
    /// <summary>The active profile's article for the duty (hubei Art. 14, shuangpai Art. 7; 参照 longyan elsewhere).</summary>
    public string AdministratorRule => policies.Active.Duties.DataAdministratorsText;

    /// <summary>For pages: whether to offer register/remove. The same check as the operations themselves.</summary>
    public bool CanManageAdministrators(int departmentId)
    {
        try
        {
            RequireAdministratorManager(departmentId);
            return true;
        }
        catch (AccessDeniedException)
        {
            return false;
        }
    }

    private void RequireAdministratorManager(int departmentId)
    {
        actor.RequireRole(PortalRoles.SystemAdmin, PortalRoles.DepartmentApprover, PortalRoles.Leadership);
        if (!actor.IsInRole(PortalRoles.SystemAdmin)) actor.RequireDepartment(departmentId);
    }

    public async Task<int> RegisterAdministratorAsync(int departmentId, string? userId, string? phone, CancellationToken ct = default)
    {
        RequireAdministratorManager(departmentId);
        await using var db = await factory.CreateDbContextAsync(ct);
        var normalisedPhone = ContactPhone.Normalise(phone);
        var errors = new ValidationErrors();
        await AddCandidateErrorsAsync(db, departmentId, userId, errors, ct);
        if (ContactPhone.Validate(normalisedPhone) is { } phoneError) errors.Add(F.Phone, phoneError);
        errors.ThrowIfInvalid();

        var registration = new DataAdministrator
        {
            DepartmentId = departmentId, UserId = userId!, Phone = normalisedPhone, RegisteredAt = clock.GetUtcNow(),
        };
        db.DataAdministrators.Add(registration);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            throw new ValidationFailedException(new ValidationErrors().Add(F.UserId, AlreadyRegisteredMessage));
        }
        return registration.Id;
    }

    private const string AlreadyRegisteredMessage = "该用户已登记为本部门数据管理员。";

    /// <summary>A department's administrator is one of its own people, registered once.</summary>
    private static async Task AddCandidateErrorsAsync(PortalDbContext db, int departmentId, string? userId, ValidationErrors errors, CancellationToken ct)
    {
        var user = string.IsNullOrWhiteSpace(userId) ? null
            : await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.DepartmentId }).FirstOrDefaultAsync(ct);
        if (user is null) errors.Add(F.UserId, "请选择要登记的用户。");
        else if (user.DepartmentId != departmentId) errors.Add(F.UserId, "只能登记本部门的用户为数据管理员。");
        else if (await db.DataAdministrators.AnyAsync(a => a.DepartmentId == departmentId && a.UserId == userId, ct))
            errors.Add(F.UserId, AlreadyRegisteredMessage);
    }

    public async Task RemoveAdministratorAsync(int administratorId, CancellationToken ct = default)
    {
        actor.RequireSignedIn();
        await using var db = await factory.CreateDbContextAsync(ct);
        var registration = await db.DataAdministrators.FirstOrDefaultAsync(a => a.Id == administratorId, ct)
            ?? throw new DomainException("该数据管理员登记不存在或已被移除。");
        RequireAdministratorManager(registration.DepartmentId);
        db.DataAdministrators.Remove(registration);
        await db.SaveChangesAsync(ct);
    }
}
