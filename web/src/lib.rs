//! The Retaguarda web app. A placeholder until the web app issue.
