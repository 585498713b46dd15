//! `transit_times`: a service's working days from dispatch to a region: a Brazilian state, a
//! range of Brazilian postal codes, or a country.

use sea_orm::entity::prelude::*;

use crate::TenantId;
use crate::closed_sets::Uf;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "transit_times")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: TenantId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub service_id: Uuid,
    /// ISO 3166 alpha-2: `BR` for a state or a postal range.
    pub country: String,
    pub state: Option<Uf>,
    /// The first and last CEP of a range, 8 digits each.
    pub postal_from: Option<String>,
    pub postal_to: Option<String>,
    pub days: i32,
    /// Its place in the table as it was given.
    pub position: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

crate::tenant_scoped!();
