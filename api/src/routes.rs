//! A module's routes, each declared once with what it asks of the caller. The same declaration
//! serves the route (a gate in front of the handler checks the caller) and documents it (the
//! spec's 401, 403 and `x-permission` are read from it), so the two cannot differ.

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::middleware::{Next, from_fn};
use actix_web::{FromRequest, Handler, HttpMessage, HttpResponse, Resource, Responder, web};

use crate::access::permission::Permission;
use crate::access::principal::Principal;
use crate::error::ApiError;

/// What a route asks of its caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone: the routes that make a caller (sign-up, login, …) take `PublicCaller`, which
    /// limits their rate.
    Anyone,
    /// Anyone, and a caller's credentials, when sent, must be valid (`OptionalPrincipal`):
    /// accepting an invitation serves the signed-in and anyone.
    AnyoneOrCaller,
    /// Any caller of a store, whatever its permissions.
    Caller,
    /// A caller holding this permission.
    Needs(Permission),
}

impl Access {
    pub fn permission(self) -> Option<Permission> {
        match self {
            Access::Needs(permission) => Some(permission),
            Access::Anyone | Access::AnyoneOrCaller | Access::Caller => None,
        }
    }
}

/// One route as declared: its method, its path under `/api/v1` and its access.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Declared {
    pub method: Method,
    pub path: &'static str,
    pub access: Access,
}

/// `Routes::get(path, access, handler)` and its kin, one per method.
macro_rules! verbs {
    ($($name:ident => $method:ident),* $(,)?) => {$(
        pub fn $name<F, Args>(&mut self, path: &'static str, access: Access, handler: F) -> &mut Self
        where
            F: Handler<Args>,
            Args: FromRequest + 'static,
            F::Output: Responder + 'static,
        {
            self.route(Method::$method, path, access, handler)
        }
    )*};
}

/// What a module's `routes` function declares into: served (resources for the app) or only
/// described (for the document and the tests).
pub struct Routes {
    serving: bool,
    resources: Vec<(&'static str, Option<Resource>)>,
    declared: Vec<Declared>,
}

impl Routes {
    /// Routes that will be served: `register` hands them to the app.
    pub fn serving() -> Routes {
        Routes {
            serving: true,
            resources: Vec::new(),
            declared: Vec::new(),
        }
    }

    /// Routes only described: no handler is kept.
    pub fn describing() -> Routes {
        Routes {
            serving: false,
            ..Routes::serving()
        }
    }

    verbs! {
        get => GET,
        post => POST,
        put => PUT,
        patch => PATCH,
        delete => DELETE,
    }

    /// Declares a route. Routes of one path share a resource (so another method is 405), made
    /// where the path is first declared: declare a literal path (`/orders/summary`) before a
    /// pattern that would take it (`/orders/{id}`).
    fn route<F, Args>(
        &mut self,
        method: Method,
        path: &'static str,
        access: Access,
        handler: F,
    ) -> &mut Self
    where
        F: Handler<Args>,
        Args: FromRequest + 'static,
        F::Output: Responder + 'static,
    {
        self.declared.push(Declared {
            method: method.clone(),
            path,
            access,
        });
        if !self.serving {
            return self;
        }
        let route = web::method(method)
            .to(handler)
            .wrap(from_fn(move |request, next| gate(access, request, next)));
        let index = match self.resources.iter().position(|(p, _)| *p == path) {
            Some(index) => index,
            None => {
                self.resources.push((path, Some(web::resource(path))));
                self.resources.len() - 1
            }
        };
        let slot = &mut self.resources[index].1;
        *slot = slot.take().map(|resource| resource.route(route));
        self
    }

    pub fn declared(&self) -> &[Declared] {
        &self.declared
    }

    /// Hands the served routes to the app; another method on a path is 405 naming those its
    /// routes take.
    pub fn register(self, config: &mut web::ServiceConfig) {
        for (path, resource) in self.resources {
            let allowed: Vec<String> = self
                .declared
                .iter()
                .filter(|route| route.path == path)
                .map(|route| route.method.to_string())
                .collect();
            let allowed = allowed.join(", ");
            if let Some(resource) = resource {
                config.service(resource.default_service(web::to(move || {
                    let allowed = allowed.clone();
                    async move { Err::<HttpResponse, _>(ApiError::method_not_allowed(allowed)) }
                })));
            }
        }
    }
}

/// Checks the caller before the handler runs, and keeps the `Principal` it made for the
/// handler's own extractor (so a request is authenticated once). A refusal is answered here,
/// as a handler's error is, so the app's middleware (headers, language) sees a response.
async fn gate<B: MessageBody>(
    access: Access,
    mut request: ServiceRequest,
    next: Next<B>,
) -> Result<ServiceResponse<EitherBody<B>>, actix_web::Error> {
    if matches!(access, Access::Caller | Access::Needs(_)) {
        let allowed = request.extract::<Principal>().await.and_then(|principal| {
            if let Some(permission) = access.permission() {
                principal.require(permission).map_err(ApiError::from)?;
            }
            Ok(principal)
        });
        match allowed {
            Ok(principal) => {
                request.extensions_mut().insert(principal);
            }
            Err(refusal) => return Ok(request.error_response(refusal).map_into_right_body()),
        }
    }
    Ok(next.call(request).await?.map_into_left_body())
}
