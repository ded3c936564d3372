//! The data model: property values, nodes and relationships, the prosopography
//! schema (labels, types, endpoint rules, vocabularies), citations, certainty,
//! ids and name folding.

pub mod citation;
pub mod element;
pub mod id;
pub mod name;
pub mod props;
pub mod schema;
pub mod value;

pub use citation::Citation;
pub use element::{Node, Rel};
pub use props::Props;
pub use schema::Schema;
pub use value::Value;
