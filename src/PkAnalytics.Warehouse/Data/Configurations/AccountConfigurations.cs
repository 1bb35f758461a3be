using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PkAnalytics.Warehouse.Accounts;
using PkAnalytics.Warehouse.Data.Entities;

namespace PkAnalytics.Warehouse.Data.Configurations;

// ASP.NET Core Identity's tables under the project's own names (its model is built by IdentityDbContext).

internal sealed class PkUserConfiguration : IEntityTypeConfiguration<PkUser>
{
    public void Configure(EntityTypeBuilder<PkUser> builder)
    {
        builder.ToTable("app_user");
        builder.HasOne<Agency>().WithMany().HasForeignKey(u => u.AgencyId).OnDelete(DeleteBehavior.NoAction);
        builder.Property(u => u.CreatedAt).HasDefaultValueSql("now()");
    }
}

internal sealed class RoleConfiguration : IEntityTypeConfiguration<IdentityRole>
{
    public void Configure(EntityTypeBuilder<IdentityRole> builder) => builder.ToTable("app_role");
}

internal sealed class UserRoleConfiguration : IEntityTypeConfiguration<IdentityUserRole<string>>
{
    public void Configure(EntityTypeBuilder<IdentityUserRole<string>> builder)
    {
        builder.ToTable("app_user_role");
        builder.HasIndex(r => r.RoleId);
    }
}

internal sealed class UserClaimConfiguration : IEntityTypeConfiguration<IdentityUserClaim<string>>
{
    public void Configure(EntityTypeBuilder<IdentityUserClaim<string>> builder)
    {
        builder.ToTable("app_user_claim");
        builder.HasIndex(c => c.UserId);
    }
}

internal sealed class UserLoginConfiguration : IEntityTypeConfiguration<IdentityUserLogin<string>>
{
    public void Configure(EntityTypeBuilder<IdentityUserLogin<string>> builder)
    {
        builder.ToTable("app_user_login");
        builder.HasIndex(l => l.UserId);
    }
}

internal sealed class UserTokenConfiguration : IEntityTypeConfiguration<IdentityUserToken<string>>
{
    public void Configure(EntityTypeBuilder<IdentityUserToken<string>> builder) => builder.ToTable("app_user_token");
}

internal sealed class RoleClaimConfiguration : IEntityTypeConfiguration<IdentityRoleClaim<string>>
{
    public void Configure(EntityTypeBuilder<IdentityRoleClaim<string>> builder)
    {
        builder.ToTable("app_role_claim");
        builder.HasIndex(c => c.RoleId);
    }
}

internal sealed class RolePolicyConfiguration : IEntityTypeConfiguration<RolePolicy>
{
    public void Configure(EntityTypeBuilder<RolePolicy> builder)
    {
        builder.ToTable("app_role_policy");
        builder.HasKey(p => p.RoleName);
    }
}

/// <summary>Data-protection keys (they sign the login cookies), shared by every dashboard process.</summary>
internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> builder) => builder.ToTable("data_protection_key");
}
