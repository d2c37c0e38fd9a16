using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GovDataPortal.Features.Identity;

/// <summary>The seven roles exist in every database (a migration inserts them); a role's id is its key name.</summary>
internal sealed class RoleConfiguration : IEntityTypeConfiguration<IdentityRole>
{
    public void Configure(EntityTypeBuilder<IdentityRole> b) =>
        b.HasData(PortalRoles.All.Select(r => new IdentityRole
        {
            Id = r,
            Name = r,
            NormalizedName = r.ToUpperInvariant(),
            ConcurrencyStamp = r,
        }));
}
