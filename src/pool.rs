//! User pool ids and the pool name the SRP hashes use.

use core::fmt;

use crate::Error;

/// The longest user pool id the AWS SDKs accept.
pub const MAX_POOL_ID_LEN: usize = 55;

/// A Cognito user pool id such as `us-east-1_AbCdEf123`, checked as the AWS SDKs check it.
///
/// The pool *name*, used in `x` and in the claim signature, is the text between the first
/// and the second `_` (AWS's SDKs take `userPoolId.split('_')[1]`): `AbCdEf123` here.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct PoolId {
    id: String,
    name_start: usize,
    name_end: usize,
}

impl PoolId {
    /// Parses a pool id: at most 55 characters matching `^[\w-]+_[0-9a-zA-Z]+$`
    /// (`\w` being ASCII letters, digits and `_`).
    ///
    /// # Errors
    /// [`Error::BadPoolId`] for anything else.
    ///
    /// ```
    /// let pool = srp_cognito::PoolId::parse("us-east-1_AbCdEf123")?;
    /// assert_eq!(pool.name(), "AbCdEf123");
    /// assert_eq!(pool.region(), "us-east-1");
    /// # Ok::<(), srp_cognito::Error>(())
    /// ```
    pub fn parse(id: &str) -> Result<Self, Error> {
        if id.len() > MAX_POOL_ID_LEN {
            return Err(Error::BadPoolId);
        }
        // The regex, by hand: the part after the last `_` is [0-9a-zA-Z]+, and everything
        // before it (which may itself hold `_`) is [\w-]+.
        let last = id.rfind('_').ok_or(Error::BadPoolId)?;
        let (head, tail) = (&id[..last], &id[last + 1..]);
        let word = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
        if head.is_empty()
            || tail.is_empty()
            || !head.chars().all(word)
            || !tail.chars().all(|c| c.is_ascii_alphanumeric())
        {
            return Err(Error::BadPoolId);
        }
        let first = id.find('_').ok_or(Error::BadPoolId)?;
        let name_start = first + 1;
        let name_end = id[name_start..]
            .find('_')
            .map_or(id.len(), |i| name_start + i);
        Ok(PoolId {
            id: id.to_owned(),
            name_start,
            name_end,
        })
    }

    /// The whole id.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.id
    }

    /// The pool name: the text between the first and second `_`.
    #[must_use]
    pub fn name(&self) -> &str {
        &self.id[self.name_start..self.name_end]
    }

    /// The text before the first `_`: the AWS region for a real Cognito pool.
    #[must_use]
    pub fn region(&self) -> &str {
        &self.id[..self.name_start - 1]
    }
}

impl fmt::Display for PoolId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.id)
    }
}

impl fmt::Debug for PoolId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PoolId({:?})", self.id)
    }
}

impl core::str::FromStr for PoolId {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        PoolId::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_what_the_sdk_accepts() {
        for (id, name) in [
            ("us-east-1_AbCdEf123", "AbCdEf123"),
            ("a_b", "b"),
            ("local_pool_2", "pool"),
            ("_x_y", "x"),
            ("eu-west-1_myPool", "myPool"),
        ] {
            assert_eq!(
                PoolId::parse(id).map(|p| p.name().to_owned()),
                Ok(name.to_owned())
            );
        }
        assert_eq!(
            PoolId::parse("us-east-1_abc").unwrap().region(),
            "us-east-1"
        );
    }

    #[test]
    fn refuses_the_rest() {
        let long = format!("us-east-1_{}", "a".repeat(46));
        for id in [
            "",
            "_",
            "abc",
            "abc_",
            "_abc",
            "us east_1",
            "us-east-1_ab-c",
            "us-east-1_é",
            "useast1AbCdEf123",
            &long,
        ] {
            assert_eq!(PoolId::parse(id), Err(Error::BadPoolId), "{id:?}");
        }
        assert!(
            PoolId::parse(&long[1..]).is_ok(),
            "55 characters is the limit"
        );
    }
}
